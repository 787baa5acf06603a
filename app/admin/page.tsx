import Link from "next/link";
import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminForm } from "@/components/admin/admin-form";
import { ModelFields } from "@/components/admin/model-fields";
import { PlaybackFailures } from "@/components/admin/playback-failures";
import { loadCatalog } from "@/lib/admin/catalog-edits";
import { listPlaybackFailures } from "@/lib/admin/playback-failures";
import { getDb } from "@/lib/http/app-context";
import { requireAdminPage } from "./admin-session";
import { AdminTable } from "@/components/admin/admin-table";

/** `?edit=<model id>` opens that model's Edit form in a full-width row under it. */
const catalogueQuery = z.object({ edit: z.string().max(64).optional().catch(undefined) });

/** Models and categories: add, edit, deactivate, rename. */
export default async function CataloguePage({ searchParams }: PageProps<"/admin">) {
  const { edit } = catalogueQuery.parse(await searchParams);
  const [session, t, catalogue, playbackFailures] = await Promise.all([
    requireAdminPage(),
    getTranslations("admin"),
    loadCatalog(getDb()),
    listPlaybackFailures(getDb()),
  ]);
  const csrf = session.csrfToken;
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="models">
        <h2 id="models">{t("models.title")}</h2>
        <AdminTable
          caption={t("models.title")}
          columns={[
            { label: t("models.name") },
            { label: t("models.organisation") },
            { label: t("models.clips"), numeric: true },
            { label: t("models.status") },
            { label: t("actions") },
          ]}
        >
          {catalogue.models.map((model) => (
            <Fragment key={model.id}>
              <tr id={`model-${model.id}`} className={model.active ? undefined : "inactive"}>
                {/* Real names and organisations run long ("PhaseLock on CogVideoX (anonymous submission)"): they wrap, so Actions stays on screen. */}
                <th scope="row" className="wrap">
                  {model.name} <code className="small muted">{model.slug}</code>
                </th>
                <td className="wrap">{model.organisation}</td>
                <td className="num">{model._count.clips}</td>
                <td>
                  <span className={model.active ? "badge badge-success" : "badge"}>
                    {model.active ? t("models.active") : t("models.inactive")}
                  </span>
                </td>
                <td>
                  <div className="admin-row-actions">
                    {/* The form opens in its own full-width row below (not squeezed into this cell). */}
                    <Link
                      className="btn btn-secondary btn-sm"
                      href={edit === model.id ? "/admin#models" : `/admin?edit=${model.id}#model-${model.id}`}
                    >
                      {edit === model.id ? t("close") : t("edit")}
                      <span className="visually-hidden"> {model.name}</span>
                    </Link>
                    <AdminForm
                      action={`/api/admin/models/${model.id}`}
                      method="PATCH"
                      csrfToken={csrf}
                      submitLabel={model.active ? t("models.deactivate") : t("models.activate")}
                      submitClassName="btn btn-secondary btn-sm"
                      className="row"
                    >
                      <input type="hidden" name="active" value={model.active ? "false" : "true"} />
                    </AdminForm>
                  </div>
                </td>
              </tr>
              {edit === model.id ? (
                <tr className="admin-edit-row">
                  <td colSpan={5}>
                    <AdminForm
                      action={`/api/admin/models/${model.id}`}
                      method="PATCH"
                      csrfToken={csrf}
                      submitLabel={t("save")}
                    >
                      <fieldset className="stack-sm">
                        <legend>{t("models.editNamed", { name: model.name })}</legend>
                        <ModelFields model={model} withSlug={false} />
                      </fieldset>
                    </AdminForm>
                    {/* Facts are a dated history: a new price is added, the old one kept. */}
                    <AdminForm
                      action={`/api/admin/models/${model.id}/facts`}
                      method="POST"
                      csrfToken={csrf}
                      submitLabel={t("models.factAdd")}
                      resetOnSuccess
                    >
                      <fieldset className="stack-sm">
                        <legend>{t("models.factsTitle", { name: model.name })}</legend>
                        <div className="form-grid">
                          <label className="field">
                            {t("models.factKind")}
                            <select name="kind" defaultValue="price_per_second">
                              <option value="price_per_second">{t("models.factPrice")}</option>
                              <option value="generation_seconds">{t("models.factTime")}</option>
                            </select>
                          </label>
                          <label className="field">
                            {t("models.factValue")}
                            <input name="value" type="number" min={0} step="any" required />
                          </label>
                          <label className="field">
                            {t("models.factDate")}
                            <input name="effectiveDate" type="date" required />
                          </label>
                          <label className="field">
                            {t("models.factSource")}
                            <input name="sourceUrl" type="url" required placeholder="https://" />
                          </label>
                        </div>
                      </fieldset>
                    </AdminForm>
                    {model.facts.length === 0 ? (
                      <p className="small muted">{t("models.factsNone")}</p>
                    ) : (
                      <ul className="small" data-testid="model-facts">
                        {model.facts.map((fact) => (
                          <li key={fact.id}>
                            {fact.effectiveDate.toISOString().slice(0, 10)} ·{" "}
                            {fact.kind === "price_per_second"
                              ? t("models.factPriceValue", { value: fact.value })
                              : t("models.factTimeValue", { value: fact.value })}{" "}
                            ·{" "}
                            <a href={fact.sourceUrl} rel="noreferrer noopener" target="_blank">
                              {fact.sourceUrl}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </AdminTable>
        <p className="small muted">{t("models.deactivateHint")}</p>
        <details>
          <summary className="btn btn-secondary">{t("models.add")}</summary>
          <AdminForm
            action="/api/admin/models"
            method="POST"
            csrfToken={csrf}
            submitLabel={t("models.add")}
            resetOnSuccess
          >
            <ModelFields withSlug />
          </AdminForm>
        </details>
      </section>

      <section className="card stack" aria-labelledby="categories">
        <h2 id="categories">{t("categories.title")}</h2>
        <ul className="stack-sm admin-list">
          {catalogue.categories.map((category) => (
            <li key={category.id}>
              <AdminForm
                action={`/api/admin/categories/${category.id}`}
                method="PATCH"
                csrfToken={csrf}
                submitLabel={t("categories.rename")}
                submitClassName="btn btn-secondary btn-sm"
                className="row admin-inline-form"
              >
                <code>{category.slug}</code>
                <label className="field">
                  <span className="visually-hidden">{t("categories.nameZh")}</span>
                  <input name="nameZh" required maxLength={40} defaultValue={category.nameZh} lang="zh" />
                </label>
                <label className="field">
                  <span className="visually-hidden">{t("categories.nameEn")}</span>
                  <input name="nameEn" required maxLength={40} defaultValue={category.nameEn} lang="en" />
                </label>
                <span className="small muted">{t("categories.prompts", { count: category._count.prompts })}</span>
              </AdminForm>
            </li>
          ))}
        </ul>
        <details>
          <summary className="btn btn-secondary">{t("categories.add")}</summary>
          <AdminForm
            action="/api/admin/categories"
            method="POST"
            csrfToken={csrf}
            submitLabel={t("categories.add")}
            resetOnSuccess
          >
            <div className="form-grid">
              <label className="field">
                {t("models.slug")}
                <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{0,39}" />
              </label>
              <label className="field">
                {t("categories.nameZh")}
                <input name="nameZh" required maxLength={40} lang="zh" />
              </label>
              <label className="field">
                {t("categories.nameEn")}
                <input name="nameEn" required maxLength={40} lang="en" />
              </label>
            </div>
          </AdminForm>
        </details>
      </section>

      <PlaybackFailures rows={playbackFailures} />
    </div>
  );
}
