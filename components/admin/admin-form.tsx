"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState, useTransition } from "react";
import { apiErrorMessage, type ApiErrorBody, formLabelOf } from "@/i18n/api-error-message";
import { CSRF_HEADER } from "@/lib/auth/csrf-header";

interface AdminFormProps {
  /** The operator API endpoint, e.g. /api/admin/models. */
  action: string;
  method: "POST" | "PATCH";
  csrfToken: string;
  submitLabel: string;
  /** Clear the fields after a success (forms that add something). */
  resetOnSuccess?: boolean;
  /** After a success, go to this path followed by the new record's id; stays on the page when absent. */
  openCreatedAt?: string;
  className?: string;
  submitClassName?: string;
  children?: ReactNode;
}

/**
 * A form that sends its fields (and file, if any) to an operator endpoint as multipart with this
 * session's CSRF token, shows the API's error in place in the page's language (naming the field by
 * its label in this form), and refreshes the page's server data on success.
 */
export function AdminForm(props: AdminFormProps) {
  const t = useTranslations("admin");
  const tError = useTranslations("apiErrors");
  const router = useRouter();
  const [state, setState] = useState<{ status: "idle" | "busy" | "done" } | { status: "error"; message: string }>({
    status: "idle",
  });
  // Until the page's refreshed server data is shown, the form still shows the state it just changed
  // (e.g. "Hide" on a clip now hidden): it stays busy so that stale action cannot be sent again.
  const [refreshing, startRefresh] = useTransition();
  const busy = state.status === "busy" || refreshing;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setState({ status: "busy" });
    try {
      const response = await fetch(props.action, {
        method: props.method,
        body: new FormData(form),
        headers: { [CSRF_HEADER]: props.csrfToken },
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string; error?: ApiErrorBody };
      if (!response.ok) {
        const message = body.error
          ? apiErrorMessage(tError, body.error, (field) => formLabelOf(form, field))
          : t("failed");
        setState({ status: "error", message });
        return;
      }
      if (props.resetOnSuccess) form.reset();
      setState({ status: "done" });
      const openCreated = props.openCreatedAt && body.id ? `${props.openCreatedAt}${body.id}` : null;
      startRefresh(() => (openCreated ? router.push(openCreated) : router.refresh()));
    } catch {
      setState({ status: "error", message: t("failed") });
    }
  }

  return (
    <form onSubmit={submit} className={props.className ?? "stack"} aria-busy={busy}>
      {props.children}
      <div className="row">
        <button type="submit" className={props.submitClassName ?? "btn btn-primary"} disabled={busy}>
          {busy ? t("saving") : props.submitLabel}
        </button>
        <span role="status" className="small muted">
          {state.status === "done" ? t("saved") : ""}
        </span>
      </div>
      {state.status === "error" ? (
        <p role="alert" className="field-error">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
