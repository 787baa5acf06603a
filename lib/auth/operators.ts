import type { Db } from "../db/client";
import type { Role } from "../generated/sqlite/enums";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password";

export type { Role };

/** An operator as the app sees them once signed in. */
export interface Operator {
  id: string;
  email: string;
  role: Role;
  /** Sessions signed with another version are revoked (see revokeOperatorSessions). */
  sessionVersion: number;
}

const OPERATOR_FIELDS = { id: true, email: true, role: true, sessionVersion: true } as const;

/** Shortest password `admin:create` accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/** Normalises an email the way accounts are keyed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an operator with a password, or sets the password and role of an existing account
 * (e.g. a researcher who so far only held API keys), which revokes the sessions it had: a reset
 * password must lock out whoever held the old one. Returns whether the account is new.
 */
export async function saveOperator(db: Db, email: string, password: string, role: Role): Promise<{ created: boolean }> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`usage: the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const key = normaliseEmail(email);
  const passwordHash = await hashPassword(password);
  const existing = await db.user.findUnique({ where: { email: key }, select: { id: true } });
  await db.user.upsert({
    where: { email: key },
    create: { email: key, passwordHash, role },
    // A new password ends every session signed in with the old one (see revokeOperatorSessions).
    update: { passwordHash, role, sessionVersion: { increment: 1 } },
  });
  return { created: existing === null };
}

/**
 * The operator whose email and password these are, or null. An unknown email costs the same
 * hash as a wrong password, so the time taken does not tell whether an account exists.
 */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<Operator | null> {
  const user = await db.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { ...OPERATOR_FIELDS, passwordHash: true },
  });
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !matches) return null;
  const { passwordHash: _hash, ...operator } = user;
  return operator;
}

/** The operator with this id as stored now (role changes and removals apply at once), or null. */
export function findOperator(db: Db, id: string): Promise<Operator | null> {
  return db.user.findUnique({ where: { id }, select: OPERATOR_FIELDS });
}

/** The operator with this email, for OAuth sign-ins: only accounts an admin created may sign in. */
export function findOperatorByEmail(db: Db, email: string): Promise<Operator | null> {
  return db.user.findUnique({ where: { email: normaliseEmail(email) }, select: OPERATOR_FIELDS });
}

/**
 * Revokes every session of an operator (sign-out): the version their sessions carry no longer
 * matches, and readOperatorSession reads the account on each request. Unknown ids change nothing.
 */
export async function revokeOperatorSessions(db: Db, id: string): Promise<void> {
  await db.user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
}
