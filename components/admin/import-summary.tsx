import { useTranslations } from "next-intl";
import { importPlaceText, importProblemMessage } from "@/i18n/import-problem-message";
import type { ImportResult } from "@/lib/admin/import-manifest";
import { AdminTable } from "./admin-table";

/**
 * What a check predicts or an import did: the counts and every clip line's outcome, or, for a
 * check of a manifest the import would refuse, every reason with its line.
 */
export function ImportSummaryView({ result }: { result: ImportResult }) {
  const t = useTranslations("admin.import");
  const { summary } = result;
  if (summary.refused.length > 0)
    return (
      <div className="notice notice-error stack">
        <p>{t("refused")}</p>
        <ul className="import-problems">
          {summary.refused.map((problem) => (
            <li key={`${problem.where} ${problem.message}`}>{importProblemMessage(t, problem)}</li>
          ))}
        </ul>
      </div>
    );
  const { clips, refused: _refused, ...counts } = summary;
  return (
    <div className="notice notice-success stack">
      <p>
        <strong>{result.dryRun ? t("willDo") : t("did")}</strong>
      </p>
      <p>{t("counts", counts)}</p>
      {clips.length > 0 ? (
        <details>
          <summary>{t("lines", { count: clips.length })}</summary>
          <AdminTable
            caption={t("lines", { count: clips.length })}
            columns={[{ label: t("where") }, { label: t("prompt") }, { label: t("model") }, { label: t("outcome") }]}
          >
            {clips.map((line) => (
              <tr key={line.where}>
                <td>{importPlaceText(t, line.where)}</td>
                <td>{line.prompt}</td>
                <td>{line.model}</td>
                <td>{t(`outcomes.${line.outcome}`)}</td>
              </tr>
            ))}
          </AdminTable>
        </details>
      ) : null}
    </div>
  );
}
