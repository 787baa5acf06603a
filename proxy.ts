import { type NextRequest, NextResponse } from "next/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER } from "./i18n/locale";
import { pageContentSecurityPolicy } from "./lib/http/content-security-policy";

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Every page: a fresh nonce and the Content-Security-Policy that requires it (Next.js reads the
 * policy from the request headers and puts the nonce on its scripts). With `?lang=zh|en`: render
 * this request in that language (via a header i18n/request.ts reads first) and remember the
 * choice in the `lang` cookie.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const lang = request.nextUrl.searchParams.get("lang");
  if (isLocale(lang)) requestHeaders.set(LOCALE_HEADER, lang);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (isLocale(lang)) response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax" });
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: never /api, /media, /_next or files with an extension (the vote API and the
      // clips must not pay for this); prefetches need no fresh policy.
      source: "/((?!api/|api$|media/|media$|_next/|favicon\\.ico$|.*\\.[A-Za-z0-9]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
