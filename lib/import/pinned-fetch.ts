import type { LookupAddress } from "node:dns";
import https from "node:https";
import { isIP } from "node:net";
import { Readable } from "node:stream";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for a socket that answers with the addresses already resolved and checked, never
 * asking DNS again: the defence against DNS rebinding (a name that resolves to a public address
 * for the check and to a private one for the fetch, OWASP's SSRF prevention cheat sheet).
 */
export function pinnedLookup(addresses: readonly string[]) {
  const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return (_hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    const first = entries[0];
    if (!first) return callback(Object.assign(new Error("no checked address"), { code: "ENOTFOUND" }), []);
    if (typeof options === "object" && options?.all) return callback(null, entries);
    callback(null, first.address, first.family);
  };
}

/** Statuses whose response has no body (RFC 9110 §6.4.1). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * GET over https that connects only to `addresses` (the ones checked for this host), with TLS
 * still verified against the URL's host name. Redirects are not followed: the caller checks each
 * hop. Resolves with a Web Response whose body streams.
 */
export function fetchPinned(url: URL, addresses: readonly string[], signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { lookup: pinnedLookup(addresses), signal }, (incoming) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
          headers.append(name, item);
      }
      const status = incoming.statusCode ?? 502;
      const body = NO_BODY.has(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
      if (!body) incoming.resume();
      resolve(new Response(body, { status, headers }));
    });
    request.on("error", reject);
  });
}
