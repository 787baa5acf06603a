import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** 403: signed in, but with a role that may not see this page. */
export default async function Forbidden() {
  const t = await getTranslations("signIn");
  return (
    <div className="container narrow stack">
      <h1>{t("forbiddenTitle")}</h1>
      <p>{t("forbidden")}</p>
      <p className="row">
        <Link href="/account">{t("account")}</Link>
        <Link href="/">{t("home")}</Link>
      </p>
    </div>
  );
}
