/**
 * Decodes one percent-encoded path segment or query part strictly: null for a malformed escape
 * (`%zz`), bytes that are not UTF-8 (`%ED%A0%80`, an encoded surrogate; decodeURIComponent refuses
 * both) or a NUL, which no id, slug or file name holds and PostgreSQL refuses in text (SQLSTATE
 * 22021).
 */
export function decodePathSegment(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return decoded.includes("\0") ? null : decoded;
}

/**
 * Whether a request target (path and query, as on the request line) decodes: every path segment
 * and every query name and value by decodePathSegment (`+` is a space in a query).
 */
export function isDecodableTarget(target: string): boolean {
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const parts = path.split("/");
  if (queryAt !== -1)
    for (const pair of target.slice(queryAt + 1).split("&")) parts.push(...pair.replaceAll("+", " ").split("="));
  return parts.every((part) => decodePathSegment(part) !== null);
}

/**
 * Why a request target cannot be served, or null. Checked on the raw target before any router
 * sees it, so both the direct routes and Next.js get only targets they can decode:
 * - origin-form (`/path?query`) or absolute-form (`http://host/path`, which RFC 9112 §3.2.2 says a
 *   server must accept); `*` and authority-form belong to OPTIONS-to-server and CONNECT;
 * - every path segment decodes by decodePathSegment (Next.js would answer a bad one with a
 *   plain-text 500 while decoding route parameters). Query strings are left to the handlers'
 *   schemas, which answer 400 in the error shape.
 */
export function refuseRequestTarget(target: string | undefined): string | null {
  if (!target || !(target.startsWith("/") || /^https?:\/\//i.test(target))) return "The request target must be a path.";
  const pathname = target.replace(/^https?:\/\/[^/?#]*/i, "").split(/[?#]/, 1)[0] ?? "";
  return pathname.split("/").every((segment) => decodePathSegment(segment) !== null)
    ? null
    : "The request path has a malformed percent escape, is not UTF-8 or holds a NUL byte.";
}
