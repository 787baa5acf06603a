"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { type MouseEvent, useTransition } from "react";
import { languageSwitchHref, LOCALE_COOKIE, LOCALES, type Locale } from "@/i18n/locale";

const ONE_YEAR_S = 365 * 24 * 3600;

/** Each language is named in itself, as language pickers conventionally do. */
const LANGUAGES: Record<Locale, { short: string; name: string; tag: string }> = {
  zh: { short: "中文", name: "简体中文", tag: "zh-CN" },
  en: { short: "EN", name: "English", tag: "en" },
};

/** Remembers the choice for a year, exactly as proxy.ts does for `?lang=`. */
function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

/**
 * Links to the page's own query plus `lang=zh|en` (proxy.ts turns that into the `lang` cookie, so
 * this works without JavaScript and keeps the page's filters). With JavaScript the click instead sets the cookie, drops any `?lang=` from the
 * address while keeping the other query parameters, and re-renders the server components in place.
 */
export function LanguageSwitcher() {
  const t = useTranslations("site");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Read on the server too (every page is rendered per request), so the plain link is right.
  const search = useSearchParams().toString();

  function choose(event: MouseEvent<HTMLAnchorElement>, locale: Locale) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return; // let "open in new tab" and friends follow the plain link
    }
    event.preventDefault();
    if (locale === current) return;
    rememberLocale(locale);
    const url = new URL(window.location.href);
    if (url.searchParams.has("lang")) {
      // An explicit ?lang= outranks the cookie, so it has to go; a full load keeps that simple.
      url.searchParams.delete("lang");
      window.location.assign(url.toString());
      return;
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className="language-switch" role="group" aria-label={t("language")} aria-busy={pending || undefined}>
      {LOCALES.map((locale) => {
        const { short, name, tag } = LANGUAGES[locale];
        return (
          <a
            key={locale}
            href={languageSwitchHref(search, locale)}
            lang={tag}
            hrefLang={tag}
            aria-current={locale === current ? "true" : undefined}
            onClick={(event) => choose(event, locale)}
          >
            {/* The accessible name starts with what is shown ("EN English"), as WCAG 2.5.3 asks. */}
            {short}
            <span className="visually-hidden"> {name}</span>
          </a>
        );
      })}
    </div>
  );
}
