import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FAILURE_TAG_LABELS, FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";
import { getPublishedPrompt } from "@/lib/catalog/published-prompts";
import { getDb } from "@/lib/http/app-context";
import { ClipWithMarks } from "@/components/prompts/clip-marks";
import { promptText } from "@/lib/prompt-text";

export const dynamic = "force-dynamic";

const ID = /^[a-z0-9]{1,40}$/;

async function load(id: string) {
  return ID.test(id) ? getPublishedPrompt(getDb(), id, FAILURE_TAGS) : null;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("prompts");
  return { title: t("one") };
}

/** A published prompt: every model's clip side by side, its win share here and the failures tagged. */
export default async function PromptPage({ params }: PageProps<"/prompts/[id]">) {
  const { id } = await params;
  const [prompt, t, locale] = await Promise.all([load(id), getTranslations("prompts"), getLocale()]);
  if (!prompt) notFound();
  const lang = locale === "zh" ? "zh" : "en";
  const shown = promptText(prompt, lang);
  const percent = (x: number) => `${(100 * x).toFixed(0)}%`;
  const tagLabel = (tag: string) => FAILURE_TAG_LABELS[tag as FailureTag]?.[lang] ?? tag;
  return (
    <div className="container stack">
      <header className="page-header">
        <p className="muted">
          <Link href="/prompts">{t("title")}</Link>
        </p>
        <h1 lang={shown.lang}>{shown.text}</h1>
        {prompt.hasImage ? (
          // eslint-disable-next-line @next/next/no-img-element -- served by the app's own media route
          <img className="prompt-start-image" src={`/media/prompts/${prompt.id}`} alt={t("startImage")} />
        ) : null}
      </header>
      <div className="clip-grid" data-count={Math.min(prompt.models.length, 4)}>
        {prompt.models.map((model) => {
          const tagged = Object.entries(model.failures)
            .filter(([, share]) => share.share > 0)
            .sort((a, b) => b[1].share - a[1].share);
          return (
            <figure key={model.clipId} className="clip-card">
              <ClipWithMarks
                src={`/media/clips/${model.clipId}`}
                label={t("clipOf", { model: model.name })}
                deliveredLengthMs={model.deliveredLengthMs}
                stripLabel={t("marksOf", { model: model.name, count: model.marks.length })}
                marks={model.marks.map((mark) => ({
                  atMs: mark.atMs,
                  text: t("markAt", { tag: tagLabel(mark.tag), time: (mark.atMs / 1000).toFixed(1) }),
                }))}
              />
              <figcaption className="prompt-clip-caption">
                <Link href={`/models/${model.slug}`}>
                  <strong>{model.name}</strong>
                </Link>
                <span className="muted">
                  {model.votes === 0
                    ? t("noVotes")
                    : t("winShare", {
                        share: percent(model.winShare.share),
                        low: percent(model.winShare.ciLow),
                        high: percent(model.winShare.ciHigh),
                        votes: model.votes,
                      })}
                </span>
                {tagged.length > 0 ? (
                  <span className="muted">
                    {tagged.map(([tag, share]) => `${tagLabel(tag)} ${percent(share.share)}`).join(" · ")}
                  </span>
                ) : null}
              </figcaption>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
