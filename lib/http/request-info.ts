/** A cookie's value from a Cookie header's text. */
export function cookieFromHeader(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A cookie's value from a request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  return cookieFromHeader(request.headers.get("cookie"), name);
}

/** The last entry of an X-Forwarded-For header's text (see clientAddress). */
export function lastForwardedFor(header: string | null | undefined): string {
  return header?.split(",").pop()?.trim() || "unknown";
}

/**
 * The client's address. `next start` appends the socket address to X-Forwarded-For, so its last
 * entry is the one no client can forge; behind a reverse proxy that entry is the proxy's peer.
 */
export function clientAddress(request: Request): string {
  return lastForwardedFor(request.headers.get("x-forwarded-for"));
}

/** Whether the request reached us over HTTPS (directly or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
