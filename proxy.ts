import { type NextRequest, NextResponse } from "next/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER } from "./i18n/locale";

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * `?lang=zh|en` on any page: render this request in that language (via a request header that
 * i18n/request.ts reads first) and remember the choice in the `lang` cookie.
 */
export function proxy(request: NextRequest): NextResponse {
  const lang = request.nextUrl.searchParams.get("lang");
  if (!isLocale(lang)) return NextResponse.next();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(LOCALE_HEADER, lang);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax" });
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: never /api, /media, /_next or files with an extension (the vote API and the
      // clips must not pay for this), and only when the URL actually carries ?lang=.
      source: "/((?!api/|api$|media/|media$|_next/|favicon\\.ico$|.*\\.[A-Za-z0-9]+$).*)",
      has: [{ type: "query", key: "lang" }],
    },
  ],
};
