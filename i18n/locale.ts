/** The UI languages. Chinese first: the reviews that inspired Clip Arena were Chinese. */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Cookie that keeps the reader's language choice. */
export const LOCALE_COOKIE = "lang";
/** Request header through which proxy.ts passes a `?lang=` choice to this request's rendering. */
export const LOCALE_HEADER = "x-clip-arena-lang";

export function isLocale(value: unknown): value is Locale {
  return value === "zh" || value === "en";
}

/** The preferred supported language in an Accept-Language header, or English. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const preferred = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/**
 * The link that switches this page to `locale`: the page's own query (its filters) with `lang`
 * set, e.g. `?category=physics&method=elo` → `?category=physics&method=elo&lang=en`. A plain link,
 * so it works without JavaScript.
 */
export function languageSwitchHref(search: string, locale: Locale): string {
  const params = new URLSearchParams(search);
  params.set("lang", locale);
  return `?${params.toString()}`;
}
