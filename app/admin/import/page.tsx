import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/admin/import-form";
import { hasDemoContent } from "@/lib/demo/remove-demo";
import { CSV_COLUMNS } from "@/lib/import/read-manifest";
import { getDb, getEnv } from "@/lib/http/app-context";
import { requireAdminPage } from "../admin-session";

/**
 * Bulk import from the browser: the same manifest checks and writes as `npm run import`; warns
 * while the database holds the demo (remove it with `npm run demo:remove` first).
 */
export default async function ImportPage() {
  const [session, t, demo] = await Promise.all([
    requireAdminPage(),
    getTranslations("admin.import"),
    hasDemoContent(getDb()),
  ]);
  return (
    <section className="card stack" aria-labelledby="import">
      <h2 id="import">{t("title")}</h2>
      <p>{t("intro")}</p>
      {demo ? (
        <p className="notice" role="note">
          {t.rich("demoWarning", { code: (chunks) => <code>{chunks}</code> })}
        </p>
      ) : null}
      <p className="small muted">{t("files", { dir: getEnv().IMPORT_DIR })}</p>
      <p className="small muted">
        {t("csv")} <code>{CSV_COLUMNS.join(",")}</code>
      </p>
      <ImportForm csrfToken={session.csrfToken} />
    </section>
  );
}
