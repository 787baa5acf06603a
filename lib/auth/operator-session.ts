import { createHmac, timingSafeEqual } from "node:crypto";
import { decode } from "next-auth/jwt";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { cookieFromHeader } from "../cookie-header";
import { CSRF_HEADER, REQUEST_HOST_HEADER } from "./csrf-header";
import { findOperator, type Operator, type Role } from "./operators";

/** next-auth's session cookie: the `__Secure-` name over HTTPS, the plain one otherwise. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** A signed-in operator and the CSRF token of this sign-in. */
export interface OperatorSession extends Operator {
  csrfToken: string;
}

/**
 * Claims Clip Arena adds to next-auth's JWT: `sid` is random per sign-in and keys the CSRF token;
 * `sv` is the account's session version at sign-in (signing out bumps it, revoking the token).
 */
export interface SessionClaims {
  sub?: string;
  sid?: string;
  sv?: number;
}

/** The CSRF token of one sign-in: an HMAC, so it needs no storage and dies with the session. */
export function csrfTokenFor(secret: string, sid: string): string {
  return createHmac("sha256", secret).update(`csrf:${sid}`).digest("base64url");
}

/**
 * The operator signed in by a request's cookies, or null. The account is read from the database
 * on every call, so a removed account, a changed role or a sign-out (session version) takes
 * effect at once.
 */
export async function readOperatorSession(
  db: Db,
  secret: string,
  cookieHeader: string | null,
): Promise<OperatorSession | null> {
  const token = SESSION_COOKIES.map((name) => cookieFromHeader(cookieHeader, name)).find(Boolean);
  if (!token) return null;
  const claims = (await decode({ token, secret }).catch(() => null)) as SessionClaims | null;
  if (!claims?.sub || !claims.sid) return null;
  const operator = await findOperator(db, claims.sub);
  if (!operator || operator.sessionVersion !== (claims.sv ?? 0)) return null;
  return { ...operator, csrfToken: csrfTokenFor(secret, claims.sid) };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true; // non-browser clients send none; the token below still has to match
  // Never a client's X-Forwarded-Host: the front door vouches for the host only from a trusted proxy.
  const host = request.headers.get(REQUEST_HOST_HEADER) ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function tokensMatch(presented: string | null, expected: string): boolean {
  const a = Buffer.from(presented ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The operator a request acts for, checked on the server: 401 without a session, 403 with a
 * role that may not do this, and 403 for a state-changing request from another origin or
 * without this session's CSRF token.
 */
export async function requireOperator(
  db: Db,
  secret: string,
  request: Request,
  roles: readonly Role[],
): Promise<OperatorSession> {
  const session = await readOperatorSession(db, secret, request.headers.get("cookie"));
  if (!session) throw new DomainError("unauthenticated", "Sign in to do this.");
  if (!roles.includes(session.role)) throw new DomainError("forbidden", "Your role may not do this.");
  if (!SAFE_METHODS.has(request.method.toUpperCase())) {
    if (!sameOrigin(request) || !tokensMatch(request.headers.get(CSRF_HEADER), session.csrfToken))
      throw new DomainError("csrf_failed", "The request is missing this session's CSRF token.");
  }
  return session;
}
