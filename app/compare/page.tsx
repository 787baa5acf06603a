import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CompareClient } from "@/components/compare/compare-client";
import { loadComparison, MAX_COMPARED_MODELS } from "@/lib/catalog/comparison";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compare");
  return { title: t("title") };
}

const asList = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : value.split(",");

export default async function ComparePage({ searchParams }: PageProps<"/compare">) {
  const params = await searchParams;
  const promptParam = typeof params.prompt === "string" ? params.prompt : undefined;
  const [t, locale] = await Promise.all([getTranslations("compare"), getLocale()]);
  const comparison = await loadComparison(getDb(), promptParam, asList(params.models));
  const text = (p: { textZh: string | null; textEn: string | null }) =>
    (locale === "zh" ? (p.textZh ?? p.textEn) : (p.textEn ?? p.textZh)) ?? "";
  const chosen = new Set(comparison.clips.map((c) => c.modelSlug));
  const { prompt } = comparison;

  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>
      <form method="get" action="/compare" className="card stack compare-form">
        <label className="field">
          <span>{t("prompt")}</span>
          <select name="prompt" defaultValue={prompt?.id ?? ""} required>
            <option value="" disabled>
              {t("choosePrompt")}
            </option>
            {comparison.prompts.map((p, i) => (
              <option key={p.id} value={p.id}>
                {i + 1}. {text(p).slice(0, 80)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="model-choices">
          <legend>{t("models", { max: MAX_COMPARED_MODELS })}</legend>
          {comparison.models.map((m) => (
            <label key={m.slug} className="tag-option">
              <input type="checkbox" name="models" value={m.slug} defaultChecked={chosen.has(m.slug)} />
              {m.name} <span className="muted">· {m.organisation}</span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary">
            {t("show")}
          </button>
        </div>
      </form>
      {prompt ? (
        <section className="stack" aria-label={t("result")}>
          <div className="arena-prompt card">
            {prompt.hasImage ? (
              // eslint-disable-next-line @next/next/no-img-element -- stored media served by our own route
              <img src={`/media/prompts/${prompt.id}`} alt={t("startImage")} className="arena-start-image" />
            ) : null}
            <p className="arena-prompt-text">{text(prompt)}</p>
          </div>
          {comparison.clips.length > 0 ? (
            <CompareClient
              key={`${prompt.id}:${[...chosen].join(",")}`}
              promptId={prompt.id}
              clips={comparison.clips}
            />
          ) : (
            <p className="notice">{t("noClips")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
