import { DataTable } from "../data-table";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { RecognitionViewResponse } from "@/lib/leaderboard/recognition-view";

const percent = (x: number) => `${(100 * x).toFixed(0)}%`;

interface RecognitionRatesProps {
  rates: RecognitionViewResponse;
  /** The survey's share: 1 in this many blind votes; 0 when it is off. */
  every: number;
}

/**
 * The recognition survey's published numbers (lib/ratings/recognition-rates.ts): per model, the
 * share of answers that named it against chance, with 95% Wilson intervals, then the "either
 * model" row; a link to the board refitted without the recognised votes and to the JSON.
 */
export async function RecognitionRates({ rates, every }: RecognitionRatesProps) {
  const t = await getTranslations("dataPage");
  return (
    <section className="card stack" aria-labelledby="recognition">
      <h2 id="recognition">{t("recognitionTitle")}</h2>
      <p>{t("recognitionIntro", { every: Math.max(every, 1) })}</p>
      {every === 0 ? <p className="muted">{t("recognitionOff")}</p> : null}
      {rates.rows.length === 0 ? (
        <p className="muted">{t("recognitionNone")}</p>
      ) : (
        <DataTable
          labelledBy="recognition"
          className="failure-table"
          testId="recognition-rates"
          columns={[
            { label: t("recognitionModel") },
            { label: t("recognitionAnswers"), numeric: true },
            { label: t("recognitionNamed"), numeric: true },
            { label: t("recognitionChance"), numeric: true },
            { label: t("recognitionAbove") },
          ]}
        >
              {rates.rows.map((row) => (
                <tr key={row.slug}>
                  <th scope="row">
                    {row.slug === "any" ? t("recognitionAny") : <a href={`/models/${row.slug}`}>{row.model}</a>}
                  </th>
                  <td className="num" data-label={t("recognitionAnswers")}>
                    {row.answers}
                  </td>
                  <td className="num" data-label={t("recognitionNamed")}>
                    <span className="share-value">
                      {percent(row.identified.share)}
                      <span className="muted ci-text">
                        {" "}
                        {percent(row.identified.ciLow)}–{percent(row.identified.ciHigh)}
                      </span>
                    </span>
                  </td>
                  <td className="num" data-label={t("recognitionChance")}>
                    {percent(row.chance)}
                  </td>
                  <td data-label={t("recognitionAbove")}>
                    {row.aboveChance ? <strong>{t("recognitionYes")}</strong> : t("recognitionNo")}
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
      <p>
        {t("recognitionRefit")} <Link href="/leaderboard?exclude=recognised">{t("recognitionRefitLink")}</Link>
      </p>
      <p className="muted small">
        {t("recognitionApi")}{" "}
        <Link href="/api/leaderboard/recognition" prefetch={false}>
          /api/leaderboard/recognition
        </Link>
      </p>
    </section>
  );
}
