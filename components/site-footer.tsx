import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What the site is, the licence of the published votes, and the way to them. */
export async function SiteFooter() {
  const t = await getTranslations();
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <p>{t("site.footerNote")}</p>
        <p>
          {t.rich("site.footer", {
            licence: (chunks) => (
              <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">
                {chunks}
              </a>
            ),
          })}{" "}
          <Link href="/data">{t("site.data")}</Link>
          {" · "}
          <Link href="/api-docs">{t("nav.api")}</Link>
          {" · "}
          <Link href="/signin/landing">{t("site.operators")}</Link>
        </p>
      </div>
    </footer>
  );
}
