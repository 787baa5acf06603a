/**
 * Why a request target cannot be served, or null. Checked on the raw target before any router
 * sees it, so both the direct routes and Next.js get only targets they can decode:
 * - origin-form (`/path?query`) or absolute-form (`http://host/path`, which RFC 9112 §3.2.2 says a
 *   server must accept); `*` and authority-form belong to OPTIONS-to-server and CONNECT;
 * - every path segment percent-decodes to valid UTF-8 (`%zz`, a lone `%`, `%ED%A0%80` or `%FF`
 *   do not; Next.js would answer those with a plain-text 500 while decoding route parameters),
 *   with no NUL byte (`%00`), which no id holds and PostgreSQL refuses in text (SQLSTATE 22021).
 */
export function refuseRequestTarget(target: string | undefined): string | null {
  if (!target || !(target.startsWith("/") || /^https?:\/\//i.test(target))) return "The request target must be a path.";
  const pathname = target.replace(/^https?:\/\/[^/?#]*/i, "").split(/[?#]/, 1)[0] ?? "";
  try {
    for (const segment of pathname.split("/"))
      if (decodeURIComponent(segment).includes("\u0000")) return "The request path holds a NUL byte.";
  } catch {
    return "The request path has a malformed percent escape or is not UTF-8.";
  }
  return null;
}
