"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { LanguageSwitcher } from "./language-switcher";

const NAV = [
  ["/arena", "arena"],
  ["/compare", "compare"],
  ["/leaderboard", "leaderboard"],
  ["/data", "data"],
  ["/api-docs", "api"],
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** Product name, main navigation (current section marked) and the language switch. */
export function SiteHeader() {
  const t = useTranslations();
  const pathname = usePathname();
  return (
    <header className="site-header">
      <div className="container site-header-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t("site.name")}</span>
        </Link>
        <nav aria-label={t("nav.label")} className="site-nav">
          {NAV.map(([href, key]) => (
            <Link key={href} href={href} aria-current={isCurrent(pathname, href) ? "page" : undefined}>
              {t(`nav.${key}`)}
            </Link>
          ))}
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}
