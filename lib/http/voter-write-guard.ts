import { ApiError } from "../errors";

/** Sec-Fetch-Site values of a request the page itself made, or the user typed. */
const SAME_SITE_FETCH = new Set(["same-origin", "none"]);

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

function originMatchesHost(origin: string, host: string | null): boolean {
  try {
    return host !== null && new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and garbage
  }
}

/**
 * Refuses a cross-site voter write (POST /api/battles, /api/compare/battles, /api/battles/{id}/vote),
 * which would otherwise carry the voter's cookie. Two checks, after OWASP's CSRF cheat sheet:
 * - Content-Type must be `application/json` (415 `unsupported_media_type`): a cross-origin page
 *   cannot send that without a CORS preflight, which this API never grants;
 * - the browser's own provenance headers must say same origin (403 `cross_site_request`):
 *   `Sec-Fetch-Site` `same-origin` or `none` when sent, otherwise `Origin` naming this host.
 * A request with neither header is not from a browser (every current browser sends `Origin` on a
 * cross-origin POST), so scripts and API clients keep working.
 */
export function requireSameOriginJson(request: Request): void {
  if (!isJson(request.headers.get("content-type")))
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const sameOrigin =
    fetchSite !== null
      ? SAME_SITE_FETCH.has(fetchSite.toLowerCase())
      : origin === null || originMatchesHost(origin, request.headers.get("host"));
  if (!sameOrigin) throw new ApiError(403, "cross_site_request", "Votes are accepted only from this site's own pages.");
}
