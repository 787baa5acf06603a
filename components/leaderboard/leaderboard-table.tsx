import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { LeaderboardSort } from "@/lib/leaderboard/leaderboard-url";
import type { LeaderboardResponse } from "@/lib/leaderboard/leaderboard-view";

interface LeaderboardTableProps {
  rows: LeaderboardResponse["rows"];
  sort: LeaderboardSort;
  sortHref: (sort: LeaderboardSort) => string;
}

const SORTERS: Record<
  LeaderboardSort,
  (a: LeaderboardResponse["rows"][number], b: LeaderboardResponse["rows"][number]) => number
> = {
  rating: (a, b) => b.rating - a.rating,
  votes: (a, b) => b.votes - a.votes,
  winRate: (a, b) => b.winRate - a.winRate,
  model: (a, b) => a.model.localeCompare(b.model),
};

/**
 * The ranking table: shared ranks for statistical ties, interval as ± and as a bar, sortable by
 * column. On a phone each row stacks into a card (globals.css, .leaderboard-table) so rank,
 * model, rating and interval show without sideways scrolling.
 */
export async function LeaderboardTable({ rows, sort, sortHref }: LeaderboardTableProps) {
  const t = await getTranslations("leaderboard");
  const sorted = [...rows].sort(SORTERS[sort]);
  const low = Math.min(...rows.map((r) => r.ciLow));
  const span = Math.max(1, Math.max(...rows.map((r) => r.ciHigh)) - low);
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
    <div className="table-wrap card">
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
              <td className="num">{row.rank}</td>
              <td>
                {row.slug ? <Link href={`/models/${row.slug}`}>{row.model}</Link> : row.model}
                {row.active ? null : <span className="badge">{t("retired")}</span>}
              </td>
              <td>{row.organisation}</td>
              <td className="num">{row.rating.toFixed(0)}</td>
              <td className="num">
                +{(row.ciHigh - row.rating).toFixed(0)} / −{(row.rating - row.ciLow).toFixed(0)}
              </td>
              <td aria-hidden="true">
                <span className="ci-bar">
                  <span
                    style={{
                      left: `${((row.ciLow - low) / span) * 100}%`,
                      width: `${Math.max(2, ((row.ciHigh - row.ciLow) / span) * 100)}%`,
                    }}
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
