import { DataTable } from "../data-table";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { VoterBoard } from "@/lib/leaderboard/voter-board";
import { IntervalText } from "@/components/leaderboard/interval-text";

type Row = NonNullable<VoterBoard["board"]>[number];

/**
 * A voter's own ranking (app/me): rank (UB) with the statistical tier under it, model, rating,
 * 95% interval and votes, in the order of the fit (group, established before provisional, rating).
 * One voter rarely gives a model the 20 votes that make it established, so provisional rows keep
 * their rank (UB), ranked against every model of their group, but have no tier.
 */
export async function MyBoardTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const [t, locale] = await Promise.all([getTranslations("leaderboard"), getLocale()]);
  return (
    <DataTable
      label={caption}
      caption={caption}
      wrapClassName="card"
      className="me-board-table"
      testId="my-board"
      columns={[
        { key: "rank", label: <abbr title={t("tierExplained")}>{t("rankTier")}</abbr>, numeric: true },
        { label: t("model") },
        { label: t("rating"), numeric: true },
        { label: t("interval"), numeric: true },
        { label: t("votes"), numeric: true },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.slug}>
          <td className="num board-rank">
            {row.rank}
            {row.tier !== null ? (
              <span className="board-tier" title={t("tierTitle", { tier: row.tier })}>
                {t("tierShort", { tier: row.tier })}
              </span>
            ) : null}
          </td>
          <td className="me-board-model">
            <Link href={`/models/${row.slug}`}>{row.model}</Link>
          </td>
          <td className="num">{row.rating.toFixed(0)}</td>
          <td className="num me-board-interval">
            <IntervalText
              rating={row.rating}
              ciLow={row.ciLow}
              ciHigh={row.ciHigh}
              locale={locale}
              display="plusMinus"
            />
          </td>
          <td className="num">{row.votes}</td>
        </tr>
      ))}
    </DataTable>
  );
}
