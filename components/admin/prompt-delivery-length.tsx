import { getTranslations } from "next-intl/server";
import { type DeliveryLengthState, RENDER_COMMAND } from "@/lib/admin/delivery-length";
import { AdminForm } from "./admin-form";
import { ReasonField } from "./reason-field";

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * The operator's choice of a prompt's delivery length (every clip is served at one length; shorter
 * clips hold their last frame, the reveal says so). Saving only records the choice: the page then
 * says how many clips need new renditions and the command that renders them, off any request.
 */
export async function PromptDeliveryLength({
  promptId,
  state,
  csrfToken,
}: {
  promptId: string;
  state: DeliveryLengthState | null;
  csrfToken: string;
}) {
  const t = await getTranslations("admin.prompts");
  return (
    <section className="card stack" aria-labelledby="delivery-length">
      <h2 id="delivery-length">{t("deliveryLength")}</h2>
      {state === null ? (
        <p className="muted">{t("deliveryLengthNoClips")}</p>
      ) : (
        <>
          <p data-testid="delivery-length-now">
            {t(state.chosenMs === null ? "deliveryLengthShortest" : "deliveryLengthChosen", {
              length: seconds(state.lengthMs),
              shortest: seconds(state.shortestMs),
              longest: seconds(state.longestMs),
            })}
          </p>
          {state.toRender > 0 ? (
            <div className="notice" role="status" data-testid="delivery-length-render">
              <p>{t("deliveryLengthToRender", { count: state.toRender, clips: state.clips })}</p>
              <p>
                <code>{RENDER_COMMAND}</code>
              </p>
            </div>
          ) : (
            <p className="small muted">{t("deliveryLengthRendered", { clips: state.clips })}</p>
          )}
          <p className="small muted">{t("deliveryLengthHint")}</p>
          <AdminForm
            action={`/api/admin/prompts/${promptId}/delivery-length`}
            method="POST"
            csrfToken={csrfToken}
            submitLabel={t("deliveryLengthSave")}
            submitClassName="btn btn-secondary"
          >
            <label className="field">
              {t("deliveryLengthField")}
              <input
                name="deliveryLengthMs"
                type="number"
                inputMode="numeric"
                min={500}
                max={600000}
                step={1}
                defaultValue={state.chosenMs ?? ""}
                placeholder={String(state.shortestMs)}
              />
            </label>
            <ReasonField label={t("deliveryLengthReason")} />
          </AdminForm>
        </>
      )}
    </section>
  );
}
