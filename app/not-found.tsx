import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="container narrow stack not-found">
      <p className="eyebrow">404</p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("body")}</p>
      <p className="hero-actions">
        <Link href="/" className="btn btn-secondary">
          {t("home")}
        </Link>
        <Link href="/arena" className="btn btn-primary">
          {t("arena")}
        </Link>
      </p>
    </div>
  );
}
