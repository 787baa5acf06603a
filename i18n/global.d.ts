import type { Locale } from "./locale";

// Narrows next-intl's locale type (useLocale, getLocale, getRequestConfig) to "zh" | "en".
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
  }
}
