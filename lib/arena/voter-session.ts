import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client";
import { processShared } from "../process-shared";

export const VOTER_COOKIE = "ca_voter";

/** Voter ids this process has seen in the database, so returning voters cost no write. */
const confirmedVoters = processShared("confirmed-voters", () => new Set<string>());
const MAX_CONFIRMED = 100_000;

function remember(id: string): void {
  if (confirmedVoters.size >= MAX_CONFIRMED) confirmedVoters.clear();
  confirmedVoters.add(id);
}
const COOKIE_MAX_AGE_S = 365 * 24 * 3600;

function sign(id: string, secret: string): string {
  return createHmac("sha256", secret).update(`voter:${id}`).digest("base64url");
}

/** The voter id in a signed cookie value, or null when it is missing or forged. */
export function verifyVoterCookie(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** Set-Cookie header for a voter id: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function voterCookieHeader(id: string, secret: string, secure: boolean): string {
  return `${VOTER_COOKIE}=${id}.${sign(id, secret)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * The voter behind a request: the signed cookie's session, or a new anonymous one. Returns the
 * Set-Cookie header to send when the session is new.
 */
export async function resolveVoterSession(
  db: Db,
  cookieValue: string | undefined,
  addressHash: string,
  secret: string,
  secure: boolean,
): Promise<{ id: string; setCookie?: string }> {
  const known = verifyVoterCookie(cookieValue, secret);
  if (known) {
    if (!confirmedVoters.has(known)) {
      // The row may be gone (a reset database); recreate it rather than fail the voter.
      await db.voterSession.upsert({ where: { id: known }, create: { id: known, addressHash }, update: {} });
      remember(known);
    }
    return { id: known };
  }
  const id = randomBytes(16).toString("base64url");
  await db.voterSession.create({ data: { id, addressHash } });
  remember(id);
  return { id, setCookie: voterCookieHeader(id, secret, secure) };
}
