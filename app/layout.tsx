import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/site-footer";
import { type HeaderOperator, SiteHeader } from "@/components/site-header";
import { getEnv, getOperatorSession } from "@/lib/http/app-context";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  const env = getEnv();
  return {
    metadataBase: new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`),
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1420" },
  ],
};

/** Who is signed in, for the header; nobody if the session cannot be read (the page still renders). */
async function readHeaderOperator(): Promise<HeaderOperator | null> {
  try {
    const session = await getOperatorSession((await headers()).get("cookie"));
    return session ? { email: session.email, role: session.role } : null;
  } catch (error) {
    // Next's own signals (a build probing for dynamic rendering) must pass through, not be logged.
    unstable_rethrow(error);
    console.error("header: operator session unavailable", error);
    return null;
  }
}

export default async function RootLayout({ children }: LayoutProps<"/">) {
  const [locale, t, operator] = await Promise.all([getLocale(), getTranslations("site"), readHeaderOperator()]);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <a href="#main" className="skip-link">
          {t("skip")}
        </a>
        {/* Passes the request's locale and messages on to client components. */}
        <NextIntlClientProvider>
          <SiteHeader operator={operator} />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </NextIntlClientProvider>
        <SiteFooter />
      </body>
    </html>
  );
}
