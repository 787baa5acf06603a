"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { SIGN_IN_RATE_LIMITED } from "@/lib/auth/sign-in-errors";

/** Only same-site paths (a sign-in link must not send the operator elsewhere); by default the role decides. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/signin/landing";
}

/**
 * Email and password sign-in through next-auth's credentials provider. Whatever failed (unknown
 * email or wrong password), the message is the same; a rate-limited attempt says so.
 */
export function SignInForm({ callbackUrl, github }: { callbackUrl?: string; github: boolean }) {
  const t = useTranslations("signIn");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pathname = usePathname();
  // On a 401 page the address is the page that asked for a sign-in: come back to it.
  const target = safeCallback(callbackUrl ?? (pathname === "/signin" ? undefined : pathname));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: formText(form, "email"),
      password: formText(form, "password"),
      callbackUrl: target,
    }).catch(() => undefined);
    setBusy(false);
    if (result?.ok && !result.error) {
      // A full load: the 401 page's boundary would otherwise stay up on the same address.
      window.location.assign(target);
      return;
    }
    setError(result?.error === SIGN_IN_RATE_LIMITED ? t("rateLimited") : t("failed"));
  }

  return (
    <div className="stack">
      <form onSubmit={submit} className="stack" aria-busy={busy}>
        <label className="field">
          {t("email")}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t("signingIn") : t("submit")}
        </button>
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </form>
      {github ? (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => void signIn("github", { callbackUrl: target })}
        >
          {t("github")}
        </button>
      ) : null}
    </div>
  );
}

/** A text field's value ("" when absent; this form has no file fields). */
function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
