import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";

const NAV = [
  ["/arena", "arena"],
  ["/compare", "compare"],
  ["/leaderboard", "leaderboard"],
  ["/data", "data"],
  ["/api-docs", "api"],
] as const;

/** Product name, main navigation and the language switch (plain links: `?lang=` sets the cookie). */
export async function SiteHeader() {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ▶◀
          </span>
          {t("site.name")}
        </Link>
        <nav aria-label={t("nav.label")} className="site-nav">
          {NAV.map(([href, key]) => (
            <Link key={href} href={href}>
              {t(`nav.${key}`)}
            </Link>
          ))}
        </nav>
        <div className="language-switch" role="group" aria-label={t("site.language")}>
          <a href="?lang=zh" lang="zh-CN" aria-current={locale === "zh" ? "true" : undefined}>
            中文
          </a>
          <a href="?lang=en" lang="en" aria-current={locale === "en" ? "true" : undefined}>
            EN
          </a>
        </div>
      </div>
    </header>
  );
}
