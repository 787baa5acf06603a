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
