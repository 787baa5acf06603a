import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
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

/**
 * The message namespaces client components use (useTranslations in a "use client" file): only
 * these go to the browser, in every page's hydration payload. The others (the home page's, the
 * data page's, the API docs', …) are used by server components alone.
 */
const CLIENT_NAMESPACES = [
  "site",
  "nav",
  "arena",
  "player",
  "compare",
  "leaderboard",
  "signIn",
  "admin",
  "account",
  "apiErrors",
] as const;

export default async function RootLayout({ children }: LayoutProps<"/">) {
  const [locale, t, operator, messages] = await Promise.all([
    getLocale(),
    getTranslations("site"),
    readHeaderOperator(),
    getMessages(),
  ]);
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((name) => [name, messages[name] ?? {}]));
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <a href="#main" className="skip-link">
          {t("skip")}
        </a>
        {/* Passes the request's locale and the client components' messages on to them. */}
        <NextIntlClientProvider messages={clientMessages}>
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
