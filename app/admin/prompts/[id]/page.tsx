import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AdminForm } from "@/components/admin/admin-form";
import { ClipTable } from "@/components/admin/clip-table";
import { PromptFields } from "@/components/admin/prompt-fields";
import { PoolStatus } from "@/components/admin/pool-status";
import { PromptPublication } from "@/components/admin/prompt-publication";
import { PromptTakes } from "@/components/admin/prompt-takes";
import { PromptDeliveryLength } from "@/components/admin/prompt-delivery-length";
import { loadDeliveryLength } from "@/lib/admin/delivery-length";
import { loadCatalog } from "@/lib/admin/catalog-edits";
import { loadPoolStatus, loadPromptDetail } from "@/lib/admin/prompts";
import { idSchema } from "@/lib/admin/schemas";
import { getDb } from "@/lib/http/app-context";
import { requireAdminPage } from "../../admin-session";

/** One prompt: edit it, publish it or keep it blind, upload a clip per model, preview, hide or show clips. */
export default async function PromptPage({ params }: PageProps<"/admin/prompts/[id]">) {
  const { id } = await params;
  const db = getDb();
  const [session, t, locale, catalogue] = await Promise.all([
    requireAdminPage(),
    getTranslations("admin"),
    getLocale(),
    loadCatalog(db),
  ]);
  const prompt = idSchema.safeParse(id).success ? await loadPromptDetail(db, id) : null;
  if (!prompt) notFound();
  const [pool, delivery] = await Promise.all([loadPoolStatus(db, [prompt.id]), loadDeliveryLength(db, prompt.id)]);
  const csrf = session.csrfToken;
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="prompt">
        <h2 id="prompt">{t("prompts.edit")}</h2>
        {prompt.imageKey ? (
          // eslint-disable-next-line @next/next/no-img-element -- a stored upload, served by our media route
          <img src={`/media/prompts/${prompt.id}`} alt={t("prompts.image")} className="admin-thumb" />
        ) : null}
        <AdminForm action={`/api/admin/prompts/${prompt.id}`} method="PATCH" csrfToken={csrf} submitLabel={t("save")}>
          <PromptFields
            prompt={{
              ...prompt,
              categories: prompt.categories.map((c) => c.category.slug),
              hasImage: prompt.imageKey !== null,
            }}
            categories={catalogue.categories}
            locale={locale}
          />
        </AdminForm>
      </section>

      <PromptPublication promptId={prompt.id} publishedAt={prompt.publishedAt} csrfToken={csrf}>
        <PoolStatus status={pool.get(prompt.id)} />
      </PromptPublication>

      <PromptTakes
        promptId={prompt.id}
        otherTakesAllowed={prompt.otherTakesAllowed}
        otherTakes={prompt.clips.filter((c) => !c.firstTake && !c.hidden && !c.retiredAt).length}
        csrfToken={csrf}
      />

      <PromptDeliveryLength promptId={prompt.id} state={delivery} csrfToken={csrf} />

      <section className="card stack" aria-labelledby="clips">
        <h2 id="clips">{t("clips.title")}</h2>
        <ClipTable clips={prompt.clips} csrfToken={csrf} />
      </section>

      <section className="card stack" aria-labelledby="upload">
        <h2 id="upload">{t("clips.upload")}</h2>
        <p className="small muted">{t("clips.uploadHint")}</p>
        <AdminForm
          action="/api/admin/clips"
          method="POST"
          csrfToken={csrf}
          submitLabel={t("clips.upload")}
          resetOnSuccess
        >
          <input type="hidden" name="promptId" value={prompt.id} />
          <div className="form-grid">
            <label className="field">
              {t("clips.model")}
              <select name="modelId" required>
                {catalogue.models.map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name}
                    {model.active ? "" : ` (${t("models.inactive")})`}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t("clips.promptLang")}
              <select name="promptLang" defaultValue={prompt.textEn ? "en" : "zh"}>
                <option value="en">English</option>
                <option value="zh">中文</option>
              </select>
            </label>
            <label className="field">
              {t("clips.file")}
              <input name="file" type="file" required accept="video/mp4,video/webm,video/quicktime" />
            </label>
          </div>
          <label className="tag-option">
            <input type="checkbox" name="firstTake" defaultChecked />
            {t("clips.firstTake")}
          </label>
        </AdminForm>
      </section>
    </div>
  );
}
