import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { LeaderboardSort } from "@/lib/leaderboard/leaderboard-url";
import type { LeaderboardResponse } from "@/lib/leaderboard/leaderboard-response";
import { IntervalText } from "./interval-text";

interface LeaderboardTableProps {
  rows: LeaderboardResponse["rows"];
  sort: LeaderboardSort;
  sortHref: (sort: LeaderboardSort) => string;
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
};

/**
 * The ranking table: rank (UB) within each group of connected models (shared ranks for
 * statistical ties), interval as ± (open sides written open) and as a bar on a common scale (open
 * sides run to the edge), sortable by column.
 * On a phone each row stacks into a card (globals.css, .leaderboard-table) so rank, model, rating
 * and interval show without sideways scrolling.
 */
export async function LeaderboardTable({ rows, sort, sortHref }: LeaderboardTableProps) {
  const [t, locale] = await Promise.all([getTranslations("leaderboard"), getLocale()]);
  const sorted = [...rows].sort(SORTERS[sort]);
  const grouped = rows.some((r) => r.group > 0);
  const closed = rows.flatMap((r) => [r.rating, r.ciLow ?? r.rating, r.ciHigh ?? r.rating]);
  const low = Math.min(...closed);
  const span = Math.max(1, Math.max(...closed) - low);
  const bar = (row: (typeof rows)[number]) => {
    const from = row.ciLow === null ? 0 : (row.ciLow - low) / span;
    const to = row.ciHigh === null ? 1 : (row.ciHigh - low) / span;
    return { left: `${from * 100}%`, width: `${Math.max(2, (to - from) * 100)}%` };
  };
  const header = (key: LeaderboardSort, label: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={sort === key ? (key === "model" ? "ascending" : "descending") : undefined}
    >
      <Link href={sortHref(key)} className="sort-link" aria-current={sort === key ? "true" : undefined}>
        {label}
      </Link>
    </th>
  );
  return (
    <div className="table-wrap card" role="region" aria-label={t("tableCaption")} tabIndex={0}>
      <table className="table leaderboard-table">
        <caption className="visually-hidden">{t("tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("rank")}
            </th>
            {header("model", t("model"))}
            <th scope="col">{t("organisation")}</th>
            {header("rating", t("rating"), true)}
            <th scope="col" className="num">
              {t("interval")}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t("intervalBar")}</span>
            </th>
            {header("votes", t("votes"), true)}
            {header("winRate", t("winRate"), true)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.model} className={row.active ? undefined : "inactive"}>
              <td className="num">
                {row.rank}
                {grouped ? <span className="badge">{t("groupBadge", { group: row.group + 1 })}</span> : null}
              </td>
              <td>
                {row.slug ? <Link href={`/models/${row.slug}`}>{row.model}</Link> : row.model}
                {row.active ? null : <span className="badge">{t("retired")}</span>}
              </td>
              <td className="organisation">{row.organisation}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
