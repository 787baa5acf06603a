import { DataTable } from "../data-table";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CheckAccuracyCell, CheckAccuracyResponse } from "@/lib/leaderboard/check-view";

const percent = (x: number) => `${(100 * x).toFixed(0)}%`;

interface CheckAccuracyProps {
  checks: CheckAccuracyResponse;
  /** The share of battles that are checks: 1 in this many; 0 when they are off. */
  every: number;
  /** Category names by slug, in the page's language. */
  categoryNames: ReadonlyMap<string, string>;
}

/**
 * Known-answer (check) battles as published (lib/leaderboard/check-view.ts): the crowd's accuracy
 * overall, per category and per month with 95% Wilson intervals, and how many votes the
 * known-answer rule took off the board; a link to the JSON.
 */
export async function CheckAccuracy({ checks, every, categoryNames }: CheckAccuracyProps) {
  const t = await getTranslations("dataPage");
  const rows: { group: string; label: string; cell: CheckAccuracyCell }[] = [
    { group: "overall", label: t("checksOverall"), cell: checks.overall },
    ...checks.byCategory.map((cell) => ({ group: "category", label: categoryNames.get(cell.key) ?? cell.key, cell })),
    ...checks.byMonth.map((cell) => ({ group: "month", label: cell.key, cell })),
  ];
  return (
    <section className="card stack" aria-labelledby="checks">
      <h2 id="checks">{t("checksTitle")}</h2>
      <p>{t("checksIntro", { every: Math.max(every, 1) })}</p>
      {every === 0 ? <p className="muted">{t("checksOff")}</p> : null}
      <p data-testid="checks-rule">
        {t("checksRule", {
          threshold: percent(checks.rule.threshold),
          minChecks: checks.rule.minChecks,
          votes: checks.flaggedVotes,
          sessions: checks.flaggedSessions,
        })}
      </p>
      {checks.overall.checks === 0 ? (
        <p className="muted">{t("checksNone")}</p>
      ) : (
        <DataTable
          labelledBy="checks"
          className="failure-table"
          testId="check-accuracy"
          columns={[
            { label: t("checksGroup") },
            { label: t("checksCount"), numeric: true },
            { label: t("checksAccuracy"), numeric: true },
          ]}
        >
              {rows.map(({ group, label, cell }) => (
                <tr key={`${group}:${cell.key}`}>
                  <th scope="row">
                    {group === "category" ? t("checksCategory", { name: label }) : null}
                    {group === "month" ? t("checksMonth", { month: label }) : null}
                    {group === "overall" ? label : null}
                  </th>
                  <td className="num" data-label={t("checksCount")}>
                    {cell.checks}
                  </td>
                  <td className="num" data-label={t("checksAccuracy")}>
                    <span className="share-value">
                      {percent(cell.share)}
                      <span className="muted ci-text">
                        {" "}
                        {percent(cell.ciLow)}–{percent(cell.ciHigh)}
                      </span>
                    </span>
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
      <p className="muted small">
        {t("checksApi")}{" "}
        <Link href="/api/leaderboard/checks" prefetch={false}>
          /api/leaderboard/checks
        </Link>
      </p>
    </section>
  );
}
