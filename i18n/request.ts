import type { AbstractIntlMessages } from "next-intl";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER, type Locale, localeFromAcceptLanguage } from "./locale";

/** The language of a request: `?lang=` (via proxy.ts), else the `lang` cookie, else Accept-Language. */
async function resolveLocale(): Promise<Locale> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const fromQuery = headerList.get(LOCALE_HEADER);
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie = cookieStore.get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(headerList.get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const { default: messages } = (await import(`../messages/${locale}.json`)) as { default: AbstractIntlMessages };
  return { locale, messages };
});
