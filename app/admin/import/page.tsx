import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/admin/import-form";
import { CSV_COLUMNS } from "@/lib/import/read-manifest";
import { getEnv } from "@/lib/http/app-context";
import { requireAdminPage } from "../admin-session";

/** Bulk import from the browser: the same manifest checks and writes as `npm run import`. */
export default async function ImportPage() {
  const [session, t] = await Promise.all([requireAdminPage(), getTranslations("admin.import")]);
  return (
    <section className="card stack" aria-labelledby="import">
      <h2 id="import">{t("title")}</h2>
      <p>{t("intro")}</p>
      <p className="small muted">{t("files", { dir: getEnv().IMPORT_DIR })}</p>
      <p className="small muted">
        {t("csv")} <code>{CSV_COLUMNS.join(",")}</code>
      </p>
      <ImportForm csrfToken={session.csrfToken} />
    </section>
  );
}
