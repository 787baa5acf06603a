import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { FailuresResponse } from "@/lib/leaderboard/failure-view";

interface FailureTableProps {
  board: FailuresResponse;
  /** A tag, "bothBad", or "model". */
  sort: string;
  sortHref: (sort: string) => string;
  tagLabel: (tag: string) => string;
}

type Share = FailuresResponse["rows"][number]["bothBad"];

const percent = (x: number) => `${(100 * x).toFixed(0)}%`;

/** A share with its interval; `label` names the column where a phone stacks the row into a card. */
function ShareCell({ share, label }: { share: Share | undefined; label: string }) {
  if (!share || share.trials === 0)
    return (
      <td className="num" data-label={label}>
        –
      </td>
    );
  return (
    <td className="num" data-label={label}>
      {/* One box for the share and its interval: a phone's card puts it opposite the label. */}
      <span className="share-value">
        {percent(share.share)}
        <span className="muted ci-text">
          {" "}
          {percent(share.ciLow)}–{percent(share.ciHigh)}
        </span>
      </span>
    </td>
  );
}

/**
 * Models × failure tags: the share of each model's shown clips voters tagged, with its 95% Wilson
 * interval, and the share of "both bad" votes. Sorted by a column, highest share first.
 */
export async function FailureTable({ board, sort, sortHref, tagLabel }: FailureTableProps) {
  const t = await getTranslations("boardViews");
  const value = (row: FailuresResponse["rows"][number]) =>
    sort === "bothBad" ? row.bothBad.share : (row.tags[sort]?.share ?? 0);
  const rows = [...board.rows].sort((a, b) =>
    sort === "model" ? a.model.localeCompare(b.model) : value(b) - value(a) || a.model.localeCompare(b.model),
  );
  const header = (key: string, label: string) => (
    <th
      scope="col"
      className={key === "model" ? undefined : "num"}
      aria-sort={sort === key ? (key === "model" ? "ascending" : "descending") : undefined}
    >
      <Link href={sortHref(key)} className="sort-link">
        {label}
      </Link>
    </th>
  );
  return (
    <div className="table-wrap card failure-table-wrap" role="region" aria-label={t("failuresCaption")} tabIndex={0}>
      <table className="table failure-table">
        <caption className="visually-hidden">{t("failuresCaption")}</caption>
        <thead>
          <tr>
            {header("model", t("model"))}
            <th scope="col" className="num">
              {t("shown")}
            </th>
            {header("bothBad", t("bothBad"))}
            {board.tags.map((tag) => header(tag, tagLabel(tag)))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slug}>
              <th scope="row">
                <Link href={`/models/${row.slug}`}>{row.model}</Link>
              </th>
              <td className="num" data-label={t("shown")}>
                {row.shown}
              </td>
              <ShareCell share={row.bothBad} label={t("bothBad")} />
              {board.tags.map((tag) => (
                <ShareCell key={tag} share={row.tags[tag]} label={tagLabel(tag)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
