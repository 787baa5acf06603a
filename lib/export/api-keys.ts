import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";

/** SHA-256 of a key: what the database keeps; the key itself is shown once and never stored. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Issues an API key to a researcher (creating the account, without a password, if needed) and
 * returns the key. Only its hash is stored.
 */
export async function issueApiKey(db: Db, email: string): Promise<string> {
  const user = await db.user.upsert({
    where: { email },
    // "!" is no valid password hash: such an account can hold keys but cannot sign in.
    create: { email, passwordHash: "!", role: "researcher" },
    update: {},
  });
  return (await createApiKey(db, user.id)).key;
}

/** A new key for an account; the key is returned once, only its hash is kept. */
export async function createApiKey(db: Db, userId: string): Promise<{ id: string; key: string }> {
  const key = `ca_${randomBytes(24).toString("base64url")}`;
  const { id } = await db.apiKey.create({ data: { userId, keyHash: hashApiKey(key) }, select: { id: true } });
  return { id, key };
}

/** An account's keys, newest first, without their hashes. */
export function listApiKeys(db: Db, userId: string) {
  return db.apiKey.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, revokedAt: true },
  });
}

/** Revokes one of an account's own keys; false when the account has no such live key. */
export async function revokeApiKey(db: Db, userId: string, keyId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: { id: keyId, userId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** Whether a presented key is a live key of a researcher or admin. */
export async function isValidApiKey(db: Db, key: string | null): Promise<boolean> {
  if (!key) return false;
  const found = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { revokedAt: true } });
  return found !== null && found.revokedAt === null;
}

/** The key a request presents: `Authorization: Bearer <key>`, or `?key=` for plain download links. */
export function presentedApiKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim() || null;
  return new URL(request.url).searchParams.get("key");
}
