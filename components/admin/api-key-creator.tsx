"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiErrorMessage, apiErrorOf } from "@/i18n/api-error-message";
import { CSRF_HEADER } from "@/lib/auth/csrf-header";

/** Creates an export API key and shows it this once, ready to copy. */
export function ApiKeyCreator({ csrfToken }: { csrfToken: string }) {
  const t = useTranslations("account");
  const router = useRouter();
  const tError = useTranslations("apiErrors");
  // `error` is the API's refusal in the page's language (csrf_failed, rate_limited, …), or the
  // generic sentence when the request never reached the server.
  const [state, setState] = useState<{ key?: string; error?: string; busy?: boolean }>({});

  async function create() {
    setState({ busy: true });
    const response = await fetch("/api/account/keys", { method: "POST", headers: { [CSRF_HEADER]: csrfToken } }).catch(
      () => null,
    );
    if (response?.ok) setState({ key: ((await response.json()) as { key: string }).key });
    else if (response) setState({ error: apiErrorMessage(tError, await apiErrorOf(response), () => null) });
    else setState({ error: t("failed") });
    router.refresh();
  }

  return (
    <div className="stack-sm">
      <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={state.busy}>
        {t("create")}
      </button>
      <div role="status">
        {state.key ? (
          <div className="notice notice-success stack-sm">
            <p>{t("shownOnce")}</p>
            <label className="field">
              {t("newKey")}
              <input type="text" readOnly value={state.key} onFocus={(e) => e.currentTarget.select()} />
            </label>
          </div>
        ) : null}
      </div>
      {state.error ? (
        <p role="alert" className="field-error">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
