import { getFormatter, getTranslations } from "next-intl/server";
import type { PlaybackFailureRow } from "@/lib/admin/playback-failures";
import { AdminTable } from "./admin-table";

/** "Clips that failed to play": what voters' browsers reported with a skip, most reports first. */
export async function PlaybackFailures({ rows }: { rows: PlaybackFailureRow[] }) {
  const [t, format] = await Promise.all([getTranslations("admin.playbackFailures"), getFormatter()]);
  return (
    <section className="card stack" aria-labelledby="playback-failures">
      <h2 id="playback-failures">{t("title")}</h2>
      <p className="small muted">{t("hint")}</p>
      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <AdminTable
          caption={t("title")}
          columns={[{ label: t("clip") }, { label: t("failures"), numeric: true }, { label: t("last") }]}
        >
          {rows.map((row) => (
            <tr key={row.clipId}>
              <th scope="row">
                <a href={`/admin/prompts/${row.promptId}#clip-${row.clipId}`}>
                  {row.modelName} · <span className="muted">{row.promptText.slice(0, 60)}</span>
                </a>
              </th>
              <td className="num">{row.failures}</td>
              <td>{format.dateTime(row.lastAt, { dateStyle: "medium", timeStyle: "short" })}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
