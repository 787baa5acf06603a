import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/admin/sign-in-form";
import { getEnv } from "@/lib/http/app-context";

/** 401: the page needs a signed-in operator; sign in here and come back to it. */
export default async function Unauthorized() {
  const t = await getTranslations("signIn");
  const env = getEnv();
  return (
    <div className="container narrow stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("needed")}</p>
      <SignInForm github={Boolean(env.GITHUB_ID)} />
    </div>
  );
}
