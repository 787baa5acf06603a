import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ASCENDING_SORTS, type LeaderboardSort } from "@/lib/leaderboard/leaderboard-url";
import type { LeaderboardResponse } from "@/lib/leaderboard/leaderboard-response";
import { boardSections } from "@/lib/leaderboard/board-sections";
import { IntervalText } from "./interval-text";

interface LeaderboardTableProps {
  rows: LeaderboardResponse["rows"];
  sort: LeaderboardSort;
  sortHref: (sort: LeaderboardSort) => string;
  /** Slugs of the models whose every clip is a demo placeholder: marked on their row. */
  placeholderOnly: ReadonlySet<string>;
}

const SORTERS: Record<
  LeaderboardSort,
  (a: LeaderboardResponse["rows"][number], b: LeaderboardResponse["rows"][number]) => number
> = {
  // Ratings compare only within a group: one group after the other.
  rating: (a, b) => a.group - b.group || b.rating - a.rating,
  votes: (a, b) => b.votes - a.votes,
  winRate: (a, b) => b.winRate - a.winRate,
  model: (a, b) => a.model.localeCompare(b.model),
  // Cheapest or fastest first; unknown values last, never read as 0.
  price: (a, b) => byKnown(a.pricePerSecondUsd, b.pricePerSecondUsd),
  speed: (a, b) => byKnown(a.generationSeconds, b.generationSeconds),
  cost: (a, b) => byKnown(a.costPerUsableClipUsd, b.costPerUsableClipUsd),
};

/** Ascending, with unknown (null) after every known value. */
function byKnown(a: number | null, b: number | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return a - b;
}

type Row = LeaderboardResponse["rows"][number];

/**
 * The ranking table, read at a glance: one section per connected group of models (the largest
 * first; ratings and rank (UB) compare only within a section), then the provisional models — an
 * interval the votes cannot bound yet — apart and unranked (lib/leaderboard/board-sections.ts).
 * Interval as ± (open sides written open) and as a bar on a common scale, sortable by column.
 * The organisation sits under the model's name, so the table fits a 1440 px window without
 * sideways scrolling; on a phone each row stacks into a card (globals.css, .leaderboard-table).
 */
export async function LeaderboardTable({ rows, sort, sortHref, placeholderOnly }: LeaderboardTableProps) {
  const [t, tc, locale] = await Promise.all([getTranslations("leaderboard"), getTranslations("common"), getLocale()]);
  const { groups, provisional } = boardSections([...rows].sort(SORTERS[sort]));
  const sections: { key: string; title: string | null; rows: Row[]; ranked: boolean }[] = [
    ...groups.map(({ group, rows: groupRows }, index) => ({
      key: `group-${group}`,
      title:
        groups.length === 1 && provisional.length === 0
          ? null
          : index === 0
            ? t("sectionMain", { count: groupRows.length })
            : t("sectionGroup", { group: index + 1, count: groupRows.length }),
      rows: groupRows,
      ranked: true,
    })),
    ...(provisional.length
      ? [
          {
            key: "provisional",
            title: t("sectionProvisional", { count: provisional.length }),
            rows: provisional,
            ranked: false,
          },
        ]
      : []),
  ];
  const closed = rows.flatMap((r) => [r.rating, r.ciLow ?? r.rating, r.ciHigh ?? r.rating]);
  const low = Math.min(...closed);
  const span = Math.max(1, Math.max(...closed) - low);
  const bar = (row: Row) => {
    const from = row.ciLow === null ? 0 : (row.ciLow - low) / span;
    const to = row.ciHigh === null ? 1 : (row.ciHigh - low) / span;
    return { left: `${from * 100}%`, width: `${Math.max(2, (to - from) * 100)}%` };
  };
  const header = (key: LeaderboardSort, label: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={sort === key ? (ASCENDING_SORTS.includes(key) ? "ascending" : "descending") : undefined}
    >
      <Link href={sortHref(key)} className="sort-link" aria-current={sort === key ? "true" : undefined}>
        {label}
      </Link>
    </th>
  );
  const COLUMNS = 10;
  // Plain numbers: the headers say the unit (USD, never converted; seconds).
  const fixed = (digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const [perSecond, perClip, seconds] = [fixed(3), fixed(2), fixed(0)];
  return (
    <div className="table-wrap card" role="region" aria-label={t("tableCaption")} tabIndex={0}>
      <table className="table leaderboard-table">
        <caption className="visually-hidden">{t("tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              <abbr title={t("tierExplained")}>{t("rankTier")}</abbr>
            </th>
            {header("model", t("model"))}
            {header("rating", t("rating"), true)}
            <th scope="col" className="num">
              {t("interval")}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t("intervalBar")}</span>
            </th>
            {header("votes", t("votes"), true)}
            {header("winRate", t("winRate"), true)}
            {header("price", t("pricePerSecond"), true)}
            {header("speed", t("generationTime"), true)}
            {header("cost", t("costPerUsableClip"), true)}
          </tr>
        </thead>
        {sections.map((section) => (
          <tbody key={section.key} data-section={section.key}>
            {section.title ? (
              <tr className="board-section">
                <th scope="colgroup" colSpan={COLUMNS}>
                  {section.title}
                </th>
              </tr>
            ) : null}
            {section.rows.map((row) => (
              <tr key={row.model} className={row.active ? undefined : "inactive"}>
                <td className="num board-rank">
                  {section.ranked ? (
                    <>
                      {row.rank}
                      {row.tier !== null ? (
                        <span
                          className="board-tier"
                          data-tier={row.tier}
                          title={t("tierTitle", { tier: row.tier })}
                          aria-label={t("tierTitle", { tier: row.tier })}
                        >
                          {t("tierShort", { tier: row.tier })}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span aria-label={t("noRank")} title={t("noRank")}>
                      –
                    </span>
                  )}
                </td>
                <td className="board-model">
                  {row.slug ? <Link href={`/models/${row.slug}`}>{row.model}</Link> : row.model}
                  {row.active ? null : <span className="badge">{t("retired")}</span>}
                  {row.slug && placeholderOnly.has(row.slug) ? (
                    <span className="badge" data-testid="placeholder-badge">
                      {tc("placeholderModel")}
                    </span>
                  ) : null}
                  <span className="board-organisation">{row.organisation}</span>
                </td>
                <td className="num">{row.rating.toFixed(0)}</td>
                <td className="num">
                  <IntervalText
                    rating={row.rating}
                    ciLow={row.ciLow}
                    ciHigh={row.ciHigh}
                    locale={locale}
                    display="plusMinus"
                  />
                </td>
                <td aria-hidden="true">
                  <span className="ci-bar">
                    <span
                      className={[row.ciLow === null ? "open-low" : "", row.ciHigh === null ? "open-high" : ""]
                        .join(" ")
                        .trim()}
                      style={bar(row)}
                    />
                  </span>
                </td>
                <td className="num" data-label={t("votes")}>
                  {row.votes}
                </td>
                <td className="num" data-label={t("winRate")}>
                  {(row.winRate * 100).toFixed(1)}%
                </td>
                {/* Blank where unknown: an unknown price is never shown as 0. */}
                <td className="num board-fact" data-label={t("pricePerSecond")} data-testid="price-cell">
                  {row.pricePerSecondUsd === null ? null : (
                    <span title={t("priceSourceTitle", { date: row.priceDate ?? "", source: row.priceSource ?? "" })}>
                      {perSecond.format(row.pricePerSecondUsd)}
                    </span>
                  )}
                </td>
                <td className="num board-fact" data-label={t("generationTime")} data-testid="speed-cell">
                  {row.generationSeconds === null ? null : seconds.format(row.generationSeconds)}
                </td>
                <td className="num board-fact" data-label={t("costPerUsableClip")} data-testid="cost-cell">
                  {row.costPerUsableClipUsd === null ? null : (
                    <>
                      {perClip.format(row.costPerUsableClipUsd)}
                      <span className="board-cost-interval">
                        {row.costCiLow === null ? "…" : perClip.format(row.costCiLow)}–
                        {row.costCiHigh === null ? "∞" : perClip.format(row.costCiHigh)}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
