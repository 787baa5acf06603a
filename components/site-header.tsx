"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { SignOutButton } from "./admin/sign-out-button";
import { LanguageSwitcher } from "./language-switcher";

/** The signed-in operator, read on the server by the root layout. */
export interface HeaderOperator {
  email: string;
  role: "admin" | "researcher";
}

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

/**
 * Product name, main navigation (current section marked), the language switch and, for a signed-in
 * operator, who they are: a link to their console (admins) or account page, and sign out.
 */
export function SiteHeader({ operator }: { operator: HeaderOperator | null }) {
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
        {operator ? (
          <div className="operator-menu" role="group" aria-label={t("nav.operator.label")}>
            <Link
              href={operator.role === "admin" ? "/admin" : "/account"}
              className="btn btn-secondary btn-sm"
              aria-current={isCurrent(pathname, operator.role === "admin" ? "/admin" : "/account") ? "page" : undefined}
            >
              {operator.role === "admin" ? t("nav.operator.console") : t("nav.operator.account")}
            </Link>
            <Link
              href="/account"
              className="operator-email small"
              title={t("nav.operator.signedInAs", { email: operator.email })}
            >
              {operator.email}
            </Link>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}
