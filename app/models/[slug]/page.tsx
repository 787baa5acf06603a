import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { IntervalText } from "@/components/leaderboard/interval-text";
import { FAILURE_TAG_LABELS, type FailureTag } from "@/lib/arena/failure-tags";
import { getModelProfile } from "@/lib/catalog/model-profile";
import { getDb, getLatestSnapshot, listCategoriesCached } from "@/lib/http/app-context";
import { RatingHistoryChart } from "@/components/models/rating-history-chart";
import { SurvivalChart } from "@/components/models/survival-chart";
import { FAILURE_TIMES_METHOD } from "@/lib/ratings/failure-times";
import { promptText } from "@/lib/prompt-text";
import { modelCardPath } from "@/lib/leaderboard/share-card";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/models/[slug]">): Promise<Metadata> {
  const [{ slug }, locale] = await Promise.all([params, getLocale()]);
  const model = await getDb().model.findUnique({ where: { slug }, select: { name: true } });
  if (!model) return { title: slug };
  const card = modelCardPath(slug, locale === "zh" ? "zh" : "en");
  return {
    title: model.name,
    openGraph: { images: [{ url: card, width: 1200, height: 630, alt: model.name }] },
    twitter: { card: "summary_large_image", images: [card] },
  };
}

export default async function ModelPage({ params }: PageProps<"/models/[slug]">) {
  const { slug } = await params;
  const db = getDb();
  const [t, tl, locale, categories, snapshot] = await Promise.all([
    getTranslations("model"),
    getTranslations("leaderboard"),
    getLocale(),
    listCategoriesCached(db),
    getLatestSnapshot(db),
  ]);
  const profile = await getModelProfile(db, slug, snapshot);
  if (!profile) notFound();
  const lang = locale === "zh" ? "zh" : "en";
  const categoryName = (s: string) => {
    if (s === "overall") return tl("overall");
    const c = categories.find((category) => category.slug === s);
    return c ? (lang === "zh" ? c.nameZh : c.nameEn) : s;
  };
  const tagLabel = (tag: string) => FAILURE_TAG_LABELS[tag as FailureTag]?.[lang] ?? tag;
  const failures = profile.failures.find((f) => f.category === "overall");
  const percent = (x: number) => `${(100 * x).toFixed(0)}%`;
  const seconds = (ms: number) => t("seconds", { value: (ms / 1000).toFixed(1) });
  // Time to first failure (issue 33), "overall" first, from the same snapshot.
  const failureTimes = (snapshot?.data.failureTimes ?? []).filter((row) => row.model === slug);
  const overallTimes = failureTimes.find((row) => row.category === "overall");
  // Opponents it has never met have no win share to show.
  const opponents = profile.opponents.filter((o) => o.votes > 0);

  return (
    <div className="container stack">
      <header className="page-header">
        <h1>
          {profile.name} {profile.active ? null : <span className="badge">{tl("retired")}</span>}
        </h1>
        {profile.placeholderOnly ? <p className="notice">{t("placeholderOnly")}</p> : null}
        <p className="lede">
          {profile.organisation}
          {profile.version ? ` · ${profile.version}` : ""}
          {profile.releaseDate ? ` · ${t("released", { date: profile.releaseDate })}` : ""}
          {profile.url ? (
            <>
              {" · "}
              <a href={profile.url} rel="noopener noreferrer">
                {t("homepage")}
              </a>
            </>
          ) : null}
        </p>
      </header>

      <section className="card stack" aria-labelledby="ratings">
        <h2 id="ratings">{t("ratings")}</h2>
        {profile.ratings.length === 0 ? (
          <p className="muted">{t("noVotes")}</p>
        ) : (
          <DataTable
            label={t("ratings")}
            className="profile-table"
            columns={[
              { label: tl("category") },
              { label: tl("rating"), numeric: true },
              { label: tl("interval"), numeric: true },
              { label: tl("rank"), numeric: true },
              { label: tl("votes"), numeric: true },
            ]}
          >
            {profile.ratings.map((r) => (
              <tr key={r.category}>
                <td>
                  <Link href={r.category === "overall" ? "/leaderboard" : `/leaderboard?category=${r.category}`}>
                    {categoryName(r.category)}
                  </Link>
                </td>
                <td className="num">{r.rating.toFixed(0)}</td>
                <td className="num">
                  <IntervalText rating={r.rating} ciLow={r.ciLow} ciHigh={r.ciHigh} locale={locale} display="range" />
                </td>
                <td className="num">{r.rank}</td>
                <td className="num">{r.votes}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {opponents.length > 0 ? (
        <section className="card stack" aria-labelledby="opponents">
          <h2 id="opponents">{t("opponents")}</h2>
          <DataTable
            label={t("opponents")}
            className="profile-table"
            columns={[
              { label: tl("model") },
              { label: t("winShare"), numeric: true },
              { label: tl("votes"), numeric: true },
            ]}
          >
            {opponents.map((o) => (
              <tr key={o.model}>
                <td>{o.model}</td>
                <td className="num">{o.winShare === null ? "–" : `${(o.winShare * 100).toFixed(0)}%`}</td>
                <td className="num">{o.votes}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {profile.history.length > 0 ? (
        <section className="card stack" aria-labelledby="history">
          <h2 id="history">{t("history")}</h2>
          <RatingHistoryChart
            points={profile.history}
            label={t("history")}
            ratingLabel={tl("rating")}
            locale={lang === "zh" ? "zh-CN" : "en-GB"}
          />
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="tags">
        <h2 id="tags">{t("failureTags")}</h2>
        {!failures || failures.shown === 0 ? (
          <p className="muted">{t("noTags")}</p>
        ) : (
          <>
            <p className="muted">{t("failuresIntro", { shown: failures.shown })}</p>
            <DataTable
              label={t("failureTags")}
              className="profile-table"
              columns={[
                { label: t("failure") },
                { label: t("share"), numeric: true },
                { label: tl("interval"), numeric: true },
              ]}
            >
              {[
                { key: "bothBad", label: t("bothBad"), share: failures.bothBad },
                ...Object.entries(failures.tags)
                  .map(([tag, share]) => ({ key: tag, label: tagLabel(tag), share }))
                  .sort((a, b) => b.share.share - a.share.share),
              ].map((row) => (
                <tr key={row.key}>
                  <td>{row.label}</td>
                  <td className="num">{percent(row.share.share)}</td>
                  <td className="num">
                    {percent(row.share.ciLow)}–{percent(row.share.ciHigh)}
                  </td>
                </tr>
              ))}
            </DataTable>
            <p>
              <Link href="/leaderboard/failures">{t("compareFailures")}</Link>
            </p>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="failure-times">
        <h2 id="failure-times">{t("failureTimes")}</h2>
        {!overallTimes || overallTimes.subjects === 0 ? (
          <p className="muted">{t("noFailureTimes")}</p>
        ) : (
          <>
            <p className="muted">{t("failureTimesIntro")}</p>
            <SurvivalChart
              points={overallTimes.points}
              maxMs={Math.max(1000, overallTimes.lastTimeMs)}
              label={t("failureTimesChart", { model: profile.name })}
              timeAxis={t("failureTimesAxis")}
              survivalAxis={t("survivalAxis")}
            />
            <DataTable
              label={t("failureTimes")}
              className="profile-table"
              columns={[
                { label: tl("category") },
                { label: t("medianFailure"), numeric: true },
                { label: tl("interval"), numeric: true },
                { label: t("failedOf"), numeric: true },
              ]}
            >
              {failureTimes.map((row) => (
                <tr key={row.category}>
                  <td>{categoryName(row.category)}</td>
                  <td className="num">{row.medianMs === null ? t("noMedian") : seconds(row.medianMs)}</td>
                  <td className="num">
                    {row.medianLowMs === null ? "—" : seconds(row.medianLowMs)}–
                    {row.medianHighMs === null ? "—" : seconds(row.medianHighMs)}
                  </td>
                  <td className="num">
                    {row.events} / {row.subjects}
                  </td>
                </tr>
              ))}
            </DataTable>
            <p className="small muted">{t("failureTimesMethod", { method: FAILURE_TIMES_METHOD })}</p>
          </>
        )}
      </section>

      {profile.clips.length > 0 || profile.hiddenClips.inBlindPool + profile.hiddenClips.outOfUse > 0 ? (
        <section className="stack" aria-labelledby="clips">
          <h2 id="clips">{t("clips")}</h2>
          {profile.hiddenClips.inBlindPool + profile.hiddenClips.outOfUse > 0 ? (
            <div className="notice stack-sm" role="note" aria-label={t("clipsHiddenTitle")}>
              {profile.hiddenClips.inBlindPool > 0 ? (
                <p>{t("clipsInPool", { count: profile.hiddenClips.inBlindPool })}</p>
              ) : null}
              {profile.hiddenClips.outOfUse > 0 ? (
                <p>{t("clipsOut", { count: profile.hiddenClips.outOfUse })}</p>
              ) : null}
            </div>
          ) : null}
          <div className="clip-grid">
            {profile.clips.map((clip) => (
              <figure key={clip.id} className="clip-card">
                <div className="clip-frame">
                  <video
                    src={`/media/clips/${clip.id}`}
                    muted
                    loop
                    autoPlay
                    playsInline
                    preload="metadata"
                    aria-label={t("clipOf", { model: profile.name })}
                  />
                </div>
                <figcaption className="muted">
                  <Link
                    href={`/prompts/${clip.promptId}`}
                    lang={promptText({ textZh: clip.promptZh, textEn: clip.promptEn }, lang).lang}
                  >
                    {promptText({ textZh: clip.promptZh, textEn: clip.promptEn }, lang).text}
                  </Link>
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
