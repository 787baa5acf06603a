import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { AdminForm } from "./admin-form";
import { ReasonField } from "./reason-field";

interface PromptPublicationProps {
  promptId: string;
  publishedAt: Date | null;
  csrfToken: string;
  /** The prompt's blind-pool status line (components/admin/pool-status.tsx). */
  children?: ReactNode;
}

/** The operator's per-prompt switch between the blind pool and published (audited, with a reason). */
export async function PromptPublication({ promptId, publishedAt, csrfToken, children }: PromptPublicationProps) {
  const [t, format] = await Promise.all([getTranslations("admin"), getFormatter()]);
  return (
    <section className="card stack" aria-labelledby="publication">
      <h2 id="publication">{t("prompts.publication")}</h2>
      <p>
        {publishedAt
          ? t("prompts.publishedOn", { date: format.dateTime(publishedAt, { dateStyle: "medium" }) })
          : t("prompts.inPool")}
      </p>
      {children ? <p>{children}</p> : null}
      <p className="small muted">{publishedAt ? t("prompts.unpublishHint") : t("prompts.publishHint")}</p>
      <AdminForm
        action={`/api/admin/prompts/${promptId}/publish`}
        method="POST"
        csrfToken={csrfToken}
        submitLabel={publishedAt ? t("prompts.unpublish") : t("prompts.publish")}
        submitClassName={publishedAt ? "btn btn-secondary" : "btn btn-primary"}
      >
        <input type="hidden" name="published" value={publishedAt ? "false" : "true"} />
        <ReasonField label={t("votes.reason")} />
      </AdminForm>
    </section>
  );
}
