import type { IncomingMessage } from "node:http";
import type { BlockList } from "node:net";
import { REQUEST_HOST_HEADER } from "../auth/csrf-header";
import { listHolds, normaliseAddress } from "../cidr";
import { cookieFromHeader } from "../cookie-header";

/** A cookie's value from a request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  return cookieFromHeader(request.headers.get("cookie"), name);
}

/**
 * The header `npm start` (scripts/serve.ts) sets on every request to the client address it
 * computed, after deleting any copy the client sent; nothing else reads X-Forwarded-For.
 */
export const CLIENT_ADDRESS_HEADER = "x-clip-arena-client-address";

/**
 * Set in the environment of a process whose server stamps CLIENT_ADDRESS_HEADER on every request
 * (the front door, lib/http/front-door.ts, sets it when it is created). The environment, not a
 * module variable: Next.js's bundle holds its own copy of this module, and both must see it.
 */
export const STAMPING_ENV = "CLIP_ARENA_FRONT_DOOR";

/** Says that this process's server stamps CLIENT_ADDRESS_HEADER on every request. */
export function declareAddressStamping(): void {
  process.env[STAMPING_ENV] = "1";
}

/**
 * The client address by the trusted-proxy rule (the one MDN and RFC 7239 §7.4 describe): start at
 * the socket peer; while the current hop is in `trusted` and X-Forwarded-For has entries left,
 * step to the rightmost remaining entry. An entry that is not an IP address stops the walk at the
 * last hop known good. With no trusted proxies this is the socket peer, whatever the client sent.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string {
  let address = normaliseAddress(peer ?? "");
  if (!address) return "unknown";
  const hops = (forwardedFor ?? "").split(",");
  while (listHolds(trusted, address) && hops.length > 0) {
    const next = normaliseAddress(hops.pop() ?? "");
    if (!next) break;
    address = next;
  }
  return address;
}

/**
 * Sets CLIENT_ADDRESS_HEADER on a Node request from its socket peer and X-Forwarded-For, deleting
 * whatever copy the client sent, so route handlers in Next.js and in lib/ see one trusted value.
 */
export function stampClientAddress(incoming: IncomingMessage, trusted: BlockList): void {
  const forwarded = incoming.headers["x-forwarded-for"];
  incoming.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
    incoming.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  );
}

/**
 * Sets REQUEST_HOST_HEADER on a Node request, deleting whatever copy the client sent: the
 * X-Forwarded-Host a trusted proxy (the socket peer is in `trusted`) sent, otherwise the Host
 * header. A client talking to us directly cannot make the Origin check believe another host.
 */
export function stampRequestHost(incoming: IncomingMessage, trusted: BlockList): void {
  const peer = normaliseAddress(incoming.socket.remoteAddress ?? "");
  const forwarded = incoming.headers["x-forwarded-host"];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const host = peer && listHolds(trusted, peer) && forwardedHost ? forwardedHost : incoming.headers.host;
  if (host) incoming.headers[REQUEST_HOST_HEADER] = host;
  else delete incoming.headers[REQUEST_HOST_HEADER];
}

/**
 * The client's address from a request's headers: the value serve.ts stamped. Without it (a bare
 * `next dev`, or a handler called directly) the peer is unknown and every client is "unknown".
 */
export function clientAddressFromHeader(value: string | null | undefined): string {
  return (value && process.env[STAMPING_ENV] === "1" && normaliseAddress(value)) || "unknown";
}

/** The client's address from headers given as a plain object, as next-auth hands them to authorize(). */
export function clientAddressFromHeaderRecord(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return clientAddressFromHeader(typeof value === "string" ? value : undefined);
}

/** The client's address (see stampClientAddress); the same on every route. */
export function clientAddress(request: Request): string {
  return clientAddressFromHeader(request.headers.get(CLIENT_ADDRESS_HEADER));
}

/** Whether the request reached us over HTTPS (directly or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
