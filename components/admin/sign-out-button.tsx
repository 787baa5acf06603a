"use client";

import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";

/** Ends the operator's session and returns to the home page. */
export function SignOutButton() {
  const t = useTranslations("admin");
  return (
    <button type="button" className="btn btn-ghost btn-sm" onClick={() => void signOut({ callbackUrl: "/" })}>
      {t("signOut")}
    </button>
  );
}
