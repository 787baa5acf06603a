import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getTakesClaim } from "@/lib/catalog/stats";
import { getDb } from "@/lib/http/app-context";

/** A no-break space ties each dot to the link before it, so a wrapped line never starts with "·". */
const SEP = "\u00a0· ";

/** The takes claim; null when the database cannot say (the page itself reports the outage). */
async function takesClaim(): Promise<"first" | "other" | null> {
  try {
    return await getTakesClaim(getDb());
  } catch {
    return null;
  }
}

/** What the site is (first takes only, or which prompts allow later takes), the licence of the published votes, and the way to them. */
export async function SiteFooter() {
  const [t, claim] = await Promise.all([getTranslations(), takesClaim()]);
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <p>{claim === "other" ? t("site.footerNoteOtherTakes") : t("site.footerNote")}</p>
        <p>
          {t.rich("site.footer", {
            licence: (chunks) => (
              <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">
                {chunks}
              </a>
            ),
          })}{" "}
          <Link href="/me">{t("site.myVotes")}</Link>
          {SEP}
          <Link href="/data">{t("site.data")}</Link>
          {SEP}
          <Link href="/api-docs">{t("nav.api")}</Link>
          {SEP}
          <Link href="/signin/landing">{t("site.operators")}</Link>
        </p>
      </div>
    </footer>
  );
}
