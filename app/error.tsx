"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

/**
 * What a page shows when it cannot be rendered (the database down, a bug): says so in the reader's
 * language with a Retry button, which re-fetches and re-renders the page (Next.js's `retry`),
 * rather than a page quietly showing other data. The server logged the error (error.digest names it).
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("pageError");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="container narrow stack not-found" role="alert">
      <h1>{t("title")}</h1>
      <p className="muted">{t("body")}</p>
      <p className="hero-actions">
        <button type="button" className="btn btn-primary" onClick={() => retry()}>
          {t("retry")}
        </button>
      </p>
    </div>
  );
}
