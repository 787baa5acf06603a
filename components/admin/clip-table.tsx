import { useFormatter, useTranslations } from "next-intl";
import { AdminForm } from "./admin-form";
import { AdminTable } from "./admin-table";
import { ReasonField } from "./reason-field";

interface ClipRow {
  id: string;
  durationMs: number;
  width: number;
  height: number;
  mimeType: string;
  firstTake: boolean;
  watermarked: boolean;
  /** As reported when the clip was made (issue 34): seconds to generate, cost in USD; null: unknown. */
  generationSeconds: number | null;
  generationCostUsd: number | null;
  hidden: boolean;
  retiredAt: Date | null;
  createdAt: Date;
  model: { name: string };
  _count: { leftIn: number; rightIn: number };
}

/**
 * A prompt's clips, newest first: preview, facts read from the file, state, hide / show, the
 * watermark mark, and the generation time and cost reported when the clip was made.
 */
export function ClipTable({ clips, csrfToken }: { clips: ClipRow[]; csrfToken: string }) {
  const t = useTranslations("admin.clips");
  const format = useFormatter();
  if (clips.length === 0) return <p className="muted">{t("none")}</p>;
  return (
    <AdminTable
      caption={t("title")}
      columns={[
        { label: t("model") },
        { label: t("preview") },
        { label: t("facts") },
        { label: t("state") },
        { label: t("visibility") },
        { label: t("generation") },
      ]}
    >
      {clips.map((clip) => {
        const state = clip.retiredAt ? t("retired") : clip.hidden ? t("hidden") : t("live");
        return (
          <tr key={clip.id} id={`clip-${clip.id}`} className={clip.retiredAt || clip.hidden ? "inactive" : undefined}>
            <th scope="row">{clip.model.name}</th>
            <td>
              {clip.hidden ? null : (
                <video
                  src={`/api/admin/clips/${clip.id}/original`}
                  controls
                  muted
                  preload="metadata"
                  className="admin-preview"
                  aria-label={t("previewOf", { model: clip.model.name })}
                />
              )}
            </td>
            <td className="small">
              {format.number(clip.durationMs / 1000, { maximumFractionDigits: 1 })} s · {clip.width}×{clip.height}
              <br />
              {clip.mimeType} · {clip.firstTake ? t("firstTake") : t("notFirstTake")}
              <br />
              {t("battles", { count: clip._count.leftIn + clip._count.rightIn })}
            </td>
            <td>
              <span className={clip.hidden || clip.retiredAt ? "badge" : "badge badge-success"}>{state}</span>
              {clip.watermarked ? (
                <>
                  {" "}
                  <span className="badge">{t("watermarked")}</span>
                </>
              ) : null}
            </td>
            <td>
              <AdminForm
                action={`/api/admin/clips/${clip.id}`}
                method="PATCH"
                csrfToken={csrfToken}
                submitLabel={clip.hidden ? t("show") : t("hide")}
                submitClassName="btn btn-secondary btn-sm"
              >
                <input type="hidden" name="hidden" value={clip.hidden ? "false" : "true"} />
                <ReasonField label={t("reason")} compact />
              </AdminForm>
              <AdminForm
                action={`/api/admin/clips/${clip.id}`}
                method="PATCH"
                csrfToken={csrfToken}
                submitLabel={clip.watermarked ? t("clearWatermarked") : t("markWatermarked")}
                submitClassName="btn btn-secondary btn-sm"
              >
                <input type="hidden" name="watermarked" value={clip.watermarked ? "false" : "true"} />
                <ReasonField label={t("reason")} compact />
              </AdminForm>
            </td>
            <td>
              <AdminForm
                action={`/api/admin/clips/${clip.id}/generation`}
                method="PATCH"
                csrfToken={csrfToken}
                submitLabel={t("saveGeneration")}
                submitClassName="btn btn-secondary btn-sm"
              >
                {(["generationSeconds", "generationCostUsd"] as const).map((name) => (
                  <label key={name} className="field">
                    <span>{t(name)}</span>
                    <input
                      type="number"
                      name={name}
                      min={0}
                      step="any"
                      inputMode="decimal"
                      defaultValue={clip[name] ?? ""}
                    />
                  </label>
                ))}
              </AdminForm>
            </td>
          </tr>
        );
      })}
    </AdminTable>
  );
}
