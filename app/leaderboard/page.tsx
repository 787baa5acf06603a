import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CategoryTabs } from "@/components/category-tabs";
import { BoardViewsNav } from "@/components/leaderboard/board-views-nav";
import { LeaderboardTable } from "@/components/leaderboard/leaderboard-table";
import { PairHeatmap } from "@/components/leaderboard/pair-heatmap";
import { RatingChart } from "@/components/leaderboard/rating-chart";
import { CostChart } from "@/components/leaderboard/cost-chart";
import { paretoFrontier } from "@/lib/ratings/usable-cost";
import { DEFAULT_CLUSTER, isTooFewClustersWarning, MIN_CLUSTERS } from "@/lib/ratings/cluster-resample";
import { StyleEffects } from "@/components/leaderboard/style-effects";
import { isProvisional } from "@/lib/leaderboard/board-sections";
import { findPlaceholderOnlyModels } from "@/lib/catalog/placeholder-models";
import { getDb, getLeaderboardCache, listCategoriesCached } from "@/lib/http/app-context";
import { type LeaderboardSort, leaderboardUrl } from "@/lib/leaderboard/leaderboard-url";
import { readLeaderboard } from "@/lib/leaderboard/read-leaderboard";
import { readPageQuery, VOTES_FROM } from "@/lib/leaderboard/leaderboard-query";
import { cardPath, chooseCard } from "@/lib/leaderboard/share-card";

export const dynamic = "force-dynamic";

/** Below this many votes a model's rating is flagged as not yet stable. */
const FEW_VOTES = 30;
/** The pair matrices show this many models of the ranking unless the full matrix is asked for. */
const MATRIX_TOP = 10;
const VOTES_FROM_LABEL = { both: "votesFromBoth", pairs: "votesFromPairs", quads: "votesFromQuads" } as const;
const SORTS: LeaderboardSort[] = ["rating", "votes", "winRate", "model", "price", "speed", "cost"];

export async function generateMetadata({ searchParams }: PageProps<"/leaderboard">): Promise<Metadata> {
  const [t, locale, raw, categories] = await Promise.all([
    getTranslations("leaderboard"),
    getLocale(),
    searchParams,
    listCategoriesCached(getDb()),
  ]);
  // The share card of the board this page shows: its category and the reader's language.
  const card = cardPath(
    chooseCard(
      { category: raw.category, lang: locale },
      categories.map((c) => c.slug),
    ),
  );
  return {
    title: t("title"),
    openGraph: { images: [{ url: card, width: 1200, height: 630, alt: t("title") }] },
    twitter: { card: "summary_large_image", images: [card] },
  };
}

export default async function LeaderboardPage({ searchParams }: PageProps<"/leaderboard">) {
  const raw = await searchParams;
  // Elo and style control show the category's unfiltered board; the links keep the reader's filters.
  const { requested: query, shown: effective } = readPageQuery({
    category: raw.category,
    method: raw.method,
    cluster: raw.cluster,
    control: raw.control,
    // The page's `?lang=` is the UI language (proxy.ts); the prompt-language filter is `promptLang`.
    lang: raw.promptLang,
    mode: raw.mode,
    period: raw.period,
    // A date field left blank arrives as "": no bound.
    from: raw.from || undefined,
    to: raw.to || undefined,
    exclude: raw.exclude || undefined,
    votesFrom: raw.votesFrom,
  });
  const sort = SORTS.includes(raw.sort as LeaderboardSort) ? (raw.sort as LeaderboardSort) : "rating";
  const db = getDb();
  const [t, tv, locale, categories, placeholderOnly] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("boardViews"),
    getLocale(),
    listCategoriesCached(db),
    findPlaceholderOnlyModels(db),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const unfilteredOnly = effective.method === "elo" || effective.control === "style";
  // An unknown category (which the API answers 404) shows the overall board; any other failure,
  // the database down included, is the error page (app/error.tsx), never a different board.
  const slugs = categories.map((c) => c.slug);
  const known = effective.category === "overall" || slugs.includes(effective.category);
  const { board, snapshot, view } = await readLeaderboard(
    getLeaderboardCache(),
    db,
    known ? effective : { ...effective, category: "overall" },
    slugs,
  );
  const result = effective.method === "elo" ? view?.elo : view?.bt;
  const fewVotes = board.rows.filter((r) => r.votes < FEW_VOTES).map((r) => r.model);
  // Ratings key models by slug; the heatmaps show display names.
  const nameBySlug = new Map(snapshot?.data.models.map((m) => [m.slug, m.name]));
  const groups = board.rows.length > 0 ? Math.max(...board.rows.map((r) => r.group)) + 1 : 1;
  // The matrices: the ranking's top models (largest group, settled ratings first) unless ?matrix=full.
  const fullMatrix = raw.matrix === "full";
  const matrixOrder = [...board.rows]
    .sort((a, b) => Number(isProvisional(a)) - Number(isProvisional(b)) || a.group - b.group || b.rating - a.rating)
    .map((r) => r.slug);
  const matrixModels = result
    ? fullMatrix
      ? result.models
      : matrixOrder.filter((slug) => result.models.includes(slug)).slice(0, MATRIX_TOP)
    : [];
  const matrixIndex = matrixModels.map((slug) => result?.models.indexOf(slug) ?? -1);
  const pick = (matrix: (number | null)[][]) => matrixIndex.map((i) => matrixIndex.map((j) => matrix[i]?.[j] ?? null));
  const pageUrl = leaderboardUrl(query, sort);
  const matrixUrl = (full: boolean) =>
    `${pageUrl}${full ? `${pageUrl.includes("?") ? "&" : "?"}matrix=full` : ""}#matrices`;
  // What the collapsed filters apply, said on their summary line.
  const applied = [
    effective.from || effective.to
      ? `${effective.from ?? "…"} – ${effective.to ?? "…"}`
      : { all: t("allTime"), "30d": t("last30"), "7d": t("last7") }[effective.period],
    ...(effective.lang ? [effective.lang === "zh" ? "中文" : "English"] : []),
    ...(effective.mode ? [t(effective.mode === "image_to_video" ? "imageToVideo" : "textToVideo")] : []),
    ...(effective.cluster !== DEFAULT_CLUSTER
      ? [t(effective.cluster === "none" ? "clusterNone" : "clusterPrompt")]
      : []),
    ...(effective.votesFrom !== "both" ? [t(VOTES_FROM_LABEL[effective.votesFrom])] : []),
  ];
  // Which votes count, said when it is one kind or when the board's votes include four-up ones.
  const votesFromNote =
    effective.votesFrom !== "both" || (view?.quadVotes ?? 0) > 0
      ? t(
          ({ both: "votesFromBothNote", pairs: "votesFromPairsNote", quads: "votesFromQuadsNote" } as const)[
            effective.votesFrom
          ],
        )
      : null;

  // What the Bradley-Terry bootstrap resampled (Elo and style control resample votes), in the
  // page's language: the API's English fallback warning is said here instead.
  const bootstrapNote =
    effective.method === "elo" || effective.control === "style"
      ? null
      : board.warnings.some(isTooFewClustersWarning)
        ? t("clusterFewNote", { min: MIN_CLUSTERS })
        : t(
            ({ voter: "clusterVoterNote", none: "clusterNoneNote", prompt: "clusterPromptNote" } as const)[
              effective.cluster
            ],
          );

  // Rating against cost per usable clip: models with both, the Pareto frontier marked.
  const priced = board.rows.filter(
    (r): r is typeof r & { costPerUsableClipUsd: number } => r.costPerUsableClipUsd !== null,
  );
  const onFrontier = new Set(
    paretoFrontier(priced.map((r) => ({ id: r.slug, quality: r.rating, cost: r.costPerUsableClipUsd }))),
  );

  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>
      <BoardViewsNav current={query.control === "style" ? "style" : "ratings"} category={board.category} />
      <CategoryTabs
        categories={categories}
        active={board.category === "overall" ? undefined : board.category}
        lang={lang}
        label={t("category")}
        allLabel={t("overall")}
        href={(slug) => leaderboardUrl({ ...query, category: slug ?? "overall" }, sort)}
      />
      <div className="board-controls">
        {query.control === "style" ? null : (
          <nav className="segmented" aria-label={t("method")}>
            {(["bt", "bt-half", "elo"] as const).map((method) => (
              <Link
                key={method}
                href={leaderboardUrl(
                  { ...query, method, ...(method === "elo" ? { cluster: DEFAULT_CLUSTER } : {}) },
                  sort,
                )}
                aria-current={query.method === method ? "page" : undefined}
                title={method === "bt-half" ? t("btHalfTitle") : undefined}
              >
                {t(method === "bt-half" ? "btHalf" : method)}
              </Link>
            ))}
          </nav>
        )}
        {/* Collapsed: on a phone the ranking comes first; the summary says what is applied. */}
        <details className="board-filters">
          <summary>{t("filtersSummary", { applied: applied.join(" · ") })}</summary>
          <div className="filters">
            <form method="get" action="/leaderboard" className="filters">
              {query.category !== "overall" ? <input type="hidden" name="category" value={query.category} /> : null}
              {query.method !== "bt" ? <input type="hidden" name="method" value={query.method} /> : null}
              <label className="field">
                <span>{t("promptLanguage")}</span>
                <select name="promptLang" defaultValue={query.lang} disabled={unfilteredOnly}>
                  <option value="">{t("any")}</option>
                  <option value="zh">中文</option>
                  <option value="en">English</option>
                </select>
              </label>
              <label className="field">
                <span>{t("mode")}</span>
                <select name="mode" defaultValue={query.mode} disabled={unfilteredOnly}>
                  <option value="">{t("any")}</option>
                  <option value="image_to_video">{t("imageToVideo")}</option>
                  <option value="text_to_video">{t("textToVideo")}</option>
                </select>
              </label>
              <label className="field">
                <span>{t("votesFrom")}</span>
                <select name="votesFrom" defaultValue={query.votesFrom} disabled={unfilteredOnly}>
                  {VOTES_FROM.map((from) => (
                    <option key={from} value={from}>
                      {t(VOTES_FROM_LABEL[from])}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t("period")}</span>
                <select name="period" defaultValue={query.period} disabled={unfilteredOnly}>
                  <option value="all">{t("allTime")}</option>
                  <option value="30d">{t("last30")}</option>
                  <option value="7d">{t("last7")}</option>
                </select>
              </label>
              <label className="field">
                <span>{t("from")}</span>
                <input type="date" name="from" defaultValue={query.from ?? ""} disabled={unfilteredOnly} />
              </label>
              <label className="field">
                <span>{t("to")}</span>
                <input type="date" name="to" defaultValue={query.to ?? ""} disabled={unfilteredOnly} />
              </label>
              <label className="field">
                <span>{t("cluster")}</span>
                <select name="cluster" defaultValue={effective.cluster} disabled={unfilteredOnly}>
                  <option value="none">{t("clusterNone")}</option>
                  <option value="voter">{t("clusterVoter")}</option>
                  <option value="prompt">{t("clusterPrompt")}</option>
                </select>
              </label>
              <label className="tag-option">
                <input
                  type="checkbox"
                  name="exclude"
                  value="recognised"
                  defaultChecked={query.exclude === "recognised"}
                  disabled={unfilteredOnly}
                />
                {t("excludeRecognised")}
              </label>
              <button type="submit" className="btn btn-secondary" disabled={unfilteredOnly}>
                {t("apply")}
              </button>
            </form>
          </div>
        </details>
      </div>
      <p className="muted" role="status">
        {board.computedAt
          ? t("basedOn", {
              votes: board.votes,
              // ISO 8601 in both languages, like the date inputs beside it: never day/month ambiguous.
              time: new Date(board.computedAt).toISOString().slice(0, 16).replace("T", " "),
            })
          : t("notComputed")}
        {query.method === "elo" && query.control !== "style" ? ` ${t("eloNote")}` : ""}
        {query.control === "style" ? ` ${tv("styleNote")}` : ""}
        {effective.from || effective.to ? ` ${t("rangeNote")}` : ""}
        {effective.method === "bt-half" ? ` ${t("btHalfNote")}` : ""}
        {bootstrapNote ? ` ${bootstrapNote}` : ""}
        {effective.exclude ? ` ${t("excludeNote")}` : ""}
        {votesFromNote && query.control !== "style" ? ` ${votesFromNote}` : ""}
      </p>
      {board.rows.length === 0 ? (
        <p className="notice">{snapshot ? t("noVotes") : t("notComputed")}</p>
      ) : (
        <>
          <LeaderboardTable
            rows={board.rows}
            sort={sort}
            sortHref={(s) => leaderboardUrl(query, s)}
            placeholderOnly={placeholderOnly}
          />
          {/* Notes follow the ranking, so a phone's first screen shows the ranking itself. */}
          {board.rows.length === 1 ? <p className="notice">{t("oneModel")}</p> : null}
          {fewVotes.length > 0 ? (
            <p className="notice">{t("fewVotes", { models: fewVotes.join(", "), min: FEW_VOTES })}</p>
          ) : null}
          {groups > 1 ? <p className="notice">{t("groupsNotice", { count: groups })}</p> : null}
          {/* The API's English sentence about groups is said by the notice above, in both languages. */}
          {board.warnings
            .filter((w) => (groups === 1 || !w.startsWith("the votes form")) && !isTooFewClustersWarning(w))
            .map((w) => (
              <p key={w} className="notice">
                {w}
              </p>
            ))}
          {board.effects ? <StyleEffects effects={board.effects} /> : null}
          <section className="card stack" aria-labelledby="chart-title">
            <h2 id="chart-title">{t("chartTitle")}</h2>
            {/* A client component: only what it draws goes into the page's hydration payload. */}
            <RatingChart
              rows={board.rows.map(({ model, rating, ciLow, ciHigh }) => ({ model, rating, ciLow, ciHigh }))}
              label={t("chartTitle")}
              ratingLabel={t("rating")}
              locale={locale}
            />
          </section>
          <section className="card stack" aria-labelledby="cost-chart-title">
            <h2 id="cost-chart-title">{t("costChartTitle")}</h2>
            {priced.length === 0 ? (
              <p className="muted">{t("costChartEmpty")}</p>
            ) : (
              <>
                <CostChart
                  points={priced.map((r) => ({
                    model: r.model,
                    rating: r.rating,
                    ratingLow: r.ciLow,
                    ratingHigh: r.ciHigh,
                    cost: r.costPerUsableClipUsd,
                    costLow: r.costCiLow,
                    costHigh: r.costCiHigh,
                    frontier: onFrontier.has(r.slug),
                  }))}
                  label={t("costChartTitle")}
                  axisCost={t("costChartAxisCost")}
                  axisRating={t("costChartAxisRating")}
                  legend={t("costChartLegend")}
                  locale={locale}
                />
                <p className="muted">
                  <span className="frontier-key" aria-hidden="true" /> {t("costChartFrontier")}:{" "}
                  <span data-testid="frontier-models">
                    {priced
                      .filter((r) => onFrontier.has(r.slug))
                      .map((r) => r.model)
                      .join(", ")}
                  </span>
                  . {t("costChartOpen")}
                </p>
              </>
            )}
            <p className="muted">{t("costNote")}</p>
          </section>
          {result && result.models.length > 1 ? (
            <section className="stack" id="matrices">
              {result.models.length > MATRIX_TOP ? (
                <p className="muted">
                  {fullMatrix ? null : `${t("matrixTop", { count: matrixModels.length })} `}
                  <Link href={matrixUrl(!fullMatrix)} scroll={false}>
                    {fullMatrix
                      ? t("matrixTopOnly", { count: MATRIX_TOP })
                      : t("matrixFull", { count: result.models.length })}
                  </Link>
                </p>
              ) : null}
              <PairHeatmap
                caption={t("winFractions")}
                models={matrixModels.map((slug) => nameBySlug.get(slug) ?? slug)}
                values={pick(result.winFractions)}
                format="share"
              />
              <PairHeatmap
                caption={t("battleCounts")}
                models={matrixModels.map((slug) => nameBySlug.get(slug) ?? slug)}
                values={pick(result.battleCounts)}
                format="count"
              />
              <p className="muted">
                {t("positionBias", {
                  share: (100 * result.positionBias.leftWinShare).toFixed(1),
                  low: (100 * result.positionBias.ciLow).toFixed(1),
                  high: (100 * result.positionBias.ciHigh).toFixed(1),
                })}
                {view?.positionTerm && view.positionTerm.moves !== null && effective.method !== "elo"
                  ? ` ${t("positionTerm", {
                      term: `${view.positionTerm.termPoints >= 0 ? "+" : "−"}${Math.abs(view.positionTerm.termPoints).toFixed(1)}`,
                      moves: view.positionTerm.moves.toFixed(1),
                    })}`
                  : ""}
              </p>
            </section>
          ) : null}
        </>
      )}
      <p>
        <Link href="/prompts">{tv("publishedPrompts")}</Link>
      </p>
    </div>
  );
}
