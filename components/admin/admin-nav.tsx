"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const SECTIONS = [
  ["/admin", "catalogue"],
  ["/admin/prompts", "prompts"],
  ["/admin/votes", "votes"],
  ["/admin/import", "import"],
] as const;

/** The operator sections, the current one marked. */
export function AdminNav() {
  const t = useTranslations("admin.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="segmented admin-nav">
      {SECTIONS.map(([href, key]) => {
        const current = href === "/admin" ? pathname === href : pathname.startsWith(href);
        return (
          <Link key={href} href={href} aria-current={current ? "page" : undefined}>
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
}
