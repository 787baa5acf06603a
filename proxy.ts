import { type NextRequest, NextResponse } from "next/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER } from "./i18n/locale";

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * `?lang=zh|en` on any page: render this request in that language and remember the choice in a
 * cookie. Pages only: the API and media are excluded by the matcher, so they pay nothing.
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
  matcher: ["/((?!api/|media/|_next/|favicon.ico|.*\\.[a-z0-9]+$).*)"],
};
