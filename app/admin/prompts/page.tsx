import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AdminForm } from "@/components/admin/admin-form";
import { PromptFields } from "@/components/admin/prompt-fields";
import { PoolStatus } from "@/components/admin/pool-status";
import { loadCatalog } from "@/lib/admin/catalog-edits";
import { loadPoolStatus } from "@/lib/admin/prompts";
import { getDb } from "@/lib/http/app-context";
import { requireAdminPage } from "../admin-session";
import { AdminTable } from "@/components/admin/admin-table";
import { promptText } from "@/lib/prompt-text";

/** Every prompt with its clip count, and a form to add one. */
export default async function PromptsPage() {
  const [session, t, locale, catalogue, pool] = await Promise.all([
    requireAdminPage(),
    getTranslations("admin"),
    getLocale(),
    loadCatalog(getDb()),
    loadPoolStatus(getDb()),
  ]);
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="prompts">
        <h2 id="prompts">{t("prompts.title")}</h2>
        <AdminTable
          caption={t("prompts.title")}
          columns={[
            { label: t("prompts.text") },
            { label: t("prompts.categories") },
            { label: t("models.clips"), numeric: true },
            { label: t("prompts.pool") },
          ]}
        >
          {catalogue.prompts.map((prompt) => (
            <tr key={prompt.id}>
              <td className="wrap">
                <Link href={`/admin/prompts/${prompt.id}`}>
                  {promptText(prompt, locale === "zh" ? "zh" : "en").text}
                </Link>
              </td>
              <td>{prompt.categories.map((c) => c.category.slug).join(", ")}</td>
              <td className="num">{prompt._count.clips}</td>
              <td className="wrap">
                <PoolStatus status={pool.get(prompt.id)} />
              </td>
            </tr>
          ))}
        </AdminTable>
      </section>
      <section className="card stack" aria-labelledby="add-prompt">
        <h2 id="add-prompt">{t("prompts.add")}</h2>
        <AdminForm
          action="/api/admin/prompts"
          method="POST"
          csrfToken={session.csrfToken}
          submitLabel={t("prompts.add")}
          openCreatedAt="/admin/prompts/"
        >
          <PromptFields categories={catalogue.categories} locale={locale} />
        </AdminForm>
      </section>
    </div>
  );
}
