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
    <div className="table-wrap card" role="region" aria-label={caption} tabIndex={0}>
      <table className="table me-board-table" data-testid="my-board">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              <abbr title={t("tierExplained")}>{t("rankTier")}</abbr>
            </th>
            <th scope="col">{t("model")}</th>
            <th scope="col" className="num">
              {t("rating")}
            </th>
            <th scope="col" className="num">
              {t("interval")}
            </th>
            <th scope="col" className="num">
              {t("votes")}
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
