import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client";

export const VOTER_COOKIE = "ca_voter";

/**
 * Voter ids seen in the database, so returning voters cost no write. Bounded: when `max` ids are
 * held it starts again empty (a forgotten voter costs one upsert). The process's one set is held
 * by the arena's context in the composition root (lib/http/app-context.ts).
 */
export class ConfirmedVoters {
  readonly #ids = new Set<string>();
  constructor(private readonly max = 100_000) {}

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    if (this.#ids.size >= this.max) this.#ids.clear();
    this.#ids.add(id);
  }
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
 * The voter behind a request: `known`, the voter id of its signed cookie (verifyVoterCookie, null
 * without a valid one), or a new anonymous session. Returns the Set-Cookie header to send when
 * the session is new. `confirmed` spares known voters a write.
 */
export async function resolveVoterSession(
  db: Db,
  confirmed: ConfirmedVoters,
  known: string | null,
  addressHash: string,
  secret: string,
  secure: boolean,
): Promise<{ id: string; setCookie?: string }> {
  if (known) {
    if (!confirmed.has(known)) {
      // The row may be gone (a reset database); recreate it rather than fail the voter.
      await db.voterSession.upsert({ where: { id: known }, create: { id: known, addressHash }, update: {} });
      confirmed.add(known);
    }
    return { id: known };
  }
  const id = randomBytes(16).toString("base64url");
  await db.voterSession.create({ data: { id, addressHash } });
  confirmed.add(id);
  return { id, setCookie: voterCookieHeader(id, secret, secure) };
}
