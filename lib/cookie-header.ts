/**
 * A cookie's value from a Cookie header's text, percent-decoded. A value with a malformed escape
 * (`%zz`) is returned as sent, as the `cookie` package does: it then fails whatever check the
 * cookie is for (a signature, a JWT) like any other forged value, instead of throwing.
 */
export function cookieFromHeader(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
