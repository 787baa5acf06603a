import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CompareClient } from "@/components/compare/compare-client";
import { loadComparison, MAX_COMPARED_MODELS } from "@/lib/catalog/comparison";
import { type CompareProblem, checkCompareRequest, parseModelsParam } from "@/lib/catalog/compare-choice";
import { getDb } from "@/lib/http/app-context";
import { promptText } from "@/lib/prompt-text";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compare");
  return { title: t("title") };
}

type CompareT = Awaited<ReturnType<typeof getTranslations<"compare">>>;

/** One problem with the request in the reader's language. */
function describeProblem(t: CompareT, problem: CompareProblem): string {
  switch (problem.kind) {
    case "unknownPrompt":
      return t("problems.unknownPrompt");
    case "tooMany":
      return t("problems.tooMany", { chosen: problem.chosen, max: problem.max });
    case "tooFew":
      return t("problems.tooFew");
    case "unknownModels":
      return t("problems.unknownModels", { slugs: problem.slugs.join(", ") });
    case "noClip":
      return t("problems.noClip", { names: problem.names.join(", "), count: problem.names.length });
  }
}

/** Named side-by-side clips; whatever is wrong with the request is said, never silently dropped. */
export default async function ComparePage({ searchParams }: PageProps<"/compare">) {
  const params = await searchParams;
  const promptParam = typeof params.prompt === "string" ? params.prompt : undefined;
  const [t, tc, locale] = await Promise.all([getTranslations("compare"), getTranslations("common"), getLocale()]);
  const slugs = parseModelsParam(params.models);
  // More than the page shows: nothing is loaded (and nothing dropped); the reader is told instead.
  const tooMany = slugs.length > MAX_COMPARED_MODELS;
  const comparison = await loadComparison(getDb(), promptParam, tooMany ? [] : slugs);
  const problems = checkCompareRequest(
    { promptId: promptParam, slugs },
    {
      promptFound: comparison.prompt !== null,
      modelNames: new Map(comparison.models.map((m) => [m.slug, m.name])),
      slugsWithClip: new Set(comparison.clips.map((c) => c.modelSlug)),
    },
  );
  const lang = locale === "zh" ? "zh" : "en";
  const text = (p: { textZh: string | null; textEn: string | null }) => promptText(p, lang).text;
  const chosen = new Set(slugs);
  const { prompt } = comparison;

  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>
      {/* Only published prompts are offered: with none, the form would be an empty list. */}
      {comparison.prompts.length === 0 ? (
        <p className="notice">{t("nonePublished")}</p>
      ) : (
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
            {comparison.models
              .filter((m) => m.offered || chosen.has(m.slug))
              .map((m) => (
                <label key={m.slug} className="tag-option">
                  <input type="checkbox" name="models" value={m.slug} defaultChecked={chosen.has(m.slug)} />
                  {m.name} <span className="muted">· {m.organisation}</span>
                  {m.placeholderOnly ? <span className="badge">{tc("placeholderModel")}</span> : null}
                </label>
              ))}
          </fieldset>
          <div>
            <button type="submit" className="btn btn-primary">
              {t("show")}
            </button>
          </div>
        </form>
      )}
      {problems.length > 0 ? (
        <div role="alert" className="notice notice-error stack-sm">
          {problems.map((problem) => (
            <p key={problem.kind}>{describeProblem(t, problem)}</p>
          ))}
        </div>
      ) : null}
      {prompt && !tooMany ? (
        <section className="stack compare-result" aria-label={t("result")}>
          <div className="arena-prompt card">
            {prompt.hasImage ? (
              // eslint-disable-next-line @next/next/no-img-element -- stored media served by our own route
              <img src={`/media/prompts/${prompt.id}`} alt={t("startImage")} className="arena-start-image" />
            ) : null}
            <p className="arena-prompt-text" lang={promptText(prompt, lang).lang}>
              {text(prompt)}
            </p>
          </div>
          {comparison.clips.length > 0 ? (
            <CompareClient
              key={`${prompt.id}:${comparison.clips.map((c) => c.modelSlug).join(",")}`}
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
