"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { apiErrorMessage, type ApiErrorBody, formLabelOf } from "@/i18n/api-error-message";
import { CSRF_HEADER } from "@/lib/auth/csrf-header";
import type { ImportResult } from "@/lib/admin/import-manifest";
import { ImportSummaryView } from "./import-summary";

type State =
  { status: "idle" | "busy" } | { status: "done"; result: ImportResult } | { status: "error"; message: string };

/** Uploads a manifest to check it (dry run) or import it, and shows the outcome or every problem. */
export function ImportForm({ csrfToken }: { csrfToken: string }) {
  const t = useTranslations("admin.import");
  const tError = useTranslations("apiErrors");
  const [state, setState] = useState<State>({ status: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    form.set("dryRun", submitter?.value === "check" ? "true" : "false");
    setState({ status: "busy" });
    try {
      const response = await fetch("/api/admin/import", {
        method: "POST",
        body: form,
        headers: { [CSRF_HEADER]: csrfToken },
      });
      const body = (await response.json()) as ImportResult & { error?: ApiErrorBody };
      setState(
        response.ok
          ? { status: "done", result: body }
          : {
              status: "error",
              message: body.error
                ? apiErrorMessage(tError, body.error, (field) => formLabelOf(formElement, field))
                : t("failed"),
            },
      );
    } catch {
      setState({ status: "error", message: t("failed") });
    }
  }

  return (
    <div className="stack">
      <form onSubmit={submit} className="stack" aria-busy={state.status === "busy"}>
        <label className="field">
          {t("manifest")}
          <input name="manifest" type="file" required accept=".json,.csv,application/json,text/csv" />
        </label>
        <div className="row">
          <button
            type="submit"
            name="mode"
            value="check"
            className="btn btn-secondary"
            disabled={state.status === "busy"}
          >
            {t("check")}
          </button>
          <button
            type="submit"
            name="mode"
            value="import"
            className="btn btn-primary"
            disabled={state.status === "busy"}
          >
            {t("import")}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {state.status === "busy" ? <p className="muted">{t("working")}</p> : null}
        {state.status === "done" ? <ImportSummaryView result={state.result} /> : null}
      </div>
      {state.status === "error" ? (
        <pre role="alert" className="notice notice-error import-problems">
          {state.message}
        </pre>
      ) : null}
    </div>
  );
}
