import { getTranslations } from "next-intl/server";
import { AdminForm } from "./admin-form";
import { ReasonField } from "./reason-field";

interface PromptTakesProps {
  promptId: string;
  otherTakesAllowed: boolean;
  /** How many live clips of this prompt are not a first take. */
  otherTakes: number;
  csrfToken: string;
}

/**
 * The operator's per-prompt switch between first takes only (the default, so the public claim
 * holds) and allowing later takes in the arena (audited, with a reason; the footer then says so).
 */
export async function PromptTakes({ promptId, otherTakesAllowed, otherTakes, csrfToken }: PromptTakesProps) {
  const t = await getTranslations("admin.prompts");
  return (
    <section className="card stack" aria-labelledby="takes">
      <h2 id="takes">{t("takes")}</h2>
      <p>{otherTakesAllowed ? t("otherTakesAllowed") : t("firstTakesOnly", { count: otherTakes })}</p>
      <p className="small muted">{otherTakesAllowed ? t("firstTakesOnlyHint") : t("allowOtherTakesHint")}</p>
      <AdminForm
        action={`/api/admin/prompts/${promptId}/takes`}
        method="POST"
        csrfToken={csrfToken}
        submitLabel={otherTakesAllowed ? t("useFirstTakesOnly") : t("allowOtherTakes")}
        submitClassName="btn btn-secondary"
      >
        <input type="hidden" name="otherTakesAllowed" value={otherTakesAllowed ? "false" : "true"} />
        <ReasonField label={t("takesReason")} />
      </AdminForm>
    </section>
  );
}
