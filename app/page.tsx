import Link from "next/link";
import { IntervalText } from "@/components/leaderboard/interval-text";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { findShowcasePair } from "@/lib/catalog/showcase";
import { getArenaStats } from "@/lib/catalog/stats";
import { getDb, getLatestSnapshot, listCategoriesCached } from "@/lib/http/app-context";
import { selectCategoryLeaders } from "@/lib/leaderboard/category-leaders";
import { promptText } from "@/lib/prompt-text";

export const dynamic = "force-dynamic";

/** Everything the home page shows from the database, read at once. */
async function loadHome() {
  const db = getDb();
  const [stats, snapshot, categories, showcase] = await Promise.all([
    getArenaStats(db),
    getLatestSnapshot(db),
    listCategoriesCached(db),
    findShowcasePair(db),
  ]);
  return { stats, leaders: selectCategoryLeaders(snapshot), categories, showcase };
}

/** The home page still renders (the pitch and the call to vote) if the database is down. */
async function loadHomeSafely() {
  try {
    return await loadHome();
  } catch (error) {
    console.error("home: live figures unavailable", error);
    return null;
  }
}

const CARDS = [
  ["blindTitle", "blindBody"],
  ["uncertaintyTitle", "uncertaintyBody"],
  ["dataTitle", "dataBody"],
] as const;

/**
 * What the arena is, one call to vote, the current leaders of every category with their 95%
 * intervals (newest snapshot; an open interval alone), one list per connected comparison group,
 * and two named clips of a published prompt. Server-rendered: no
 * client JavaScript is needed to see any of it.
 */
export default async function HomePage() {
  const [t, tc, format, locale, home] = await Promise.all([
    getTranslations("home"),
    getTranslations("common"),
    getFormatter(),
    getLocale(),
    loadHomeSafely(),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const text = (zh: string | null, en: string | null) => (locale === "zh" ? (zh ?? en) : (en ?? zh)) ?? "";
  const categoryName = (slug: string) => {
    if (slug === "overall") return t("overall");
    const category = home?.categories.find((c) => c.slug === slug);
    return category ? text(category.nameZh, category.nameEn) : slug;
  };
  const rating = (value: number) => format.number(value, { maximumFractionDigits: 0 });
  const stats = home?.stats;
  const figures = stats
    ? ([
        ["statVotes", stats.votes],
        ["statModels", stats.models],
        ["statPrompts", stats.prompts],
      ] as const)
    : [];
  const showcase = home?.showcase;
  return (
    <div className="container stack-lg">
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">{t("eyebrow")}</p>
        <h1 id="hero-title">{t("title")}</h1>
        <p className="lede">{home?.stats.otherTakes ? t("ledeOtherTakes") : t("lede")}</p>
        <div className="hero-actions">
          <Link href="/arena" className="btn btn-primary btn-lg">
            {t("startVoting")}
          </Link>
          <Link href="/leaderboard" className="btn btn-ghost btn-lg">
            {t("seeLeaderboard")}
          </Link>
        </div>
        {figures.length > 0 ? (
          <dl className="stats" aria-label={t("statsLabel")}>
            {figures.map(([key, value]) => (
              <div key={key} className="stat">
                <dt>{t(key)}</dt>
                <dd>{format.number(value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </section>

      {home && home.leaders.length > 0 ? (
        <section className="stack" aria-labelledby="leaders">
          <h2 id="leaders">{t("leadersTitle")}</h2>
          <p className="muted">{t("leadersIntro")}</p>
          <div className="card-grid">
            {home.leaders.map((view) => (
              <article key={view.category} className="card stack-sm" aria-labelledby={`leaders-${view.category}`}>
                <h3 id={`leaders-${view.category}`}>{categoryName(view.category)}</h3>
                {view.groups.map(({ group, rows }) => (
                  <div key={group} className="stack-sm">
                    {view.groups.length > 1 ? (
                      <p className="small muted">{t("leaderGroup", { group: group + 1 })}</p>
                    ) : null}
                    <ol className="leader-list">
                      {rows.map((row) => (
                        <li key={row.slug}>
                          {row.provisional ? (
                            // Provisional rows are listed apart and unranked, as on the board.
                            <span className="leader-rank" aria-label={t("noRank")} title={t("noRank")}>
                              –
                            </span>
                          ) : (
                            <span className="leader-rank">{row.rank}</span>
                          )}
                          <Link href={`/models/${row.slug}`} className="leader-name">
                            {row.model}
                          </Link>
                          {row.ciLow === null || row.ciHigh === null ? (
                            // An open interval: its point is no estimate worth showing, and its bound is
                            // said in words ("provisional: above 296, no upper bound yet"), never bare.
                            <span className="leader-rating small">
                              {t("provisional")}{" "}
                              <IntervalText
                                rating={row.rating}
                                ciLow={row.ciLow}
                                ciHigh={row.ciHigh}
                                locale={locale}
                                display="words"
                              />
                            </span>
                          ) : row.provisional ? (
                            // Too few votes (MIN_ESTABLISHED_VOTES): the point leans on the prior, so none is shown.
                            <span className="leader-rating muted small">
                              {t("provisionalVotes", { votes: row.votes })}
                            </span>
                          ) : (
                            <span className="leader-rating">
                              {rating(row.rating)}{" "}
                              <span className="muted small">
                                {t("interval", { low: rating(row.ciLow), high: rating(row.ciHigh) })}
                              </span>
                            </span>
                          )}
                        </li>
                      ))}
                    </ol>
                  </div>
                ))}
                {view.groups.length > 1 ? <p className="small muted">{t("leaderGroupsNote")}</p> : null}
                <p className="small muted">
                  {t("basedOn", { votes: view.votes })}{" "}
                  <Link
                    href={view.category === "overall" ? "/leaderboard" : `/leaderboard?category=${view.category}`}
                    aria-label={t("fullLeaderboardOf", { category: categoryName(view.category) })}
                  >
                    {t("fullLeaderboard")}
                  </Link>
                </p>
              </article>
            ))}
          </div>
        </section>
      ) : null}

      {showcase ? (
        <section className="card stack" aria-labelledby="showcase">
          <h2 id="showcase">{t("showcaseTitle")}</h2>
          <p className="muted small">{t("showcaseIntro")}</p>
          <p className="arena-prompt-text" lang={promptText(showcase.prompt, lang).lang}>
            {promptText(showcase.prompt, lang).text}
          </p>
          <div className="clip-grid" data-count="2">
            {showcase.clips.map((clip) => (
              <figure key={clip.id} className="clip-card">
                {/* preload="none": the page stays light; the start image stands in until play. */}
                <video
                  src={`/media/clips/${clip.id}`}
                  poster={showcase.prompt.hasImage ? `/media/prompts/${showcase.prompt.id}` : undefined}
                  controls
                  muted
                  playsInline
                  preload="none"
                  className="showcase-video"
                  aria-label={t("clipOf", { model: clip.modelName })}
                />
                <figcaption className="clip-caption">{clip.modelName}</figcaption>
              </figure>
            ))}
          </div>
          <p>
            <Link
              href={`/compare?prompt=${showcase.prompt.id}&models=${showcase.clips.map((c) => c.modelSlug).join(",")}`}
            >
              {t("compareMore")}
            </Link>
          </p>
          {showcase.clips.some((c) => c.placeholder) ? (
            <p className="notice small" role="note">
              {tc("placeholderNotice")}
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card-grid" aria-label={t("howLabel")}>
        {CARDS.map(([title, body]) => (
          <article key={title} className="card feature">
            <h2>{t(title)}</h2>
            <p>{t(body)}</p>
          </article>
        ))}
      </section>
      {stats?.placeholders && !showcase?.clips.some((c) => c.placeholder) ? (
        <p className="notice" role="note">
          {tc("placeholderNotice")}
        </p>
      ) : null}
    </div>
  );
}
