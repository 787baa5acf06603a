import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/admin/sign-in-form";
import { getEnv } from "@/lib/http/app-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title"), robots: { index: false } };
}

/** next-auth's sign-in page (and where it sends errors, e.g. an OAuth account without access). */
export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const [t, query] = await Promise.all([getTranslations("signIn"), searchParams]);
  const callbackUrl = typeof query.callbackUrl === "string" ? query.callbackUrl : undefined;
  return (
    <div className="container narrow stack">
      <h1>{t("title")}</h1>
      {query.error ? (
        <p role="alert" className="notice notice-error">
          {t("failed")}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} github={Boolean(getEnv().GITHUB_ID)} />
    </div>
  );
}
