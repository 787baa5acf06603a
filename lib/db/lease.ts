import type { Db } from "./client";
import { isUniqueViolation } from "../errors";

/**
 * Takes the named lease for `ttlMs` if nobody holds it (or the holder's lease ran out), so only
 * one of several app instances runs a job at a time. Atomic on both engines: the first holder is
 * decided by the primary key, a takeover by a conditional update that only one caller can win.
 */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const taken = await db.jobLease.updateMany({ where: { name, expiresAt: { lt: now } }, data: { holder, expiresAt } });
  return taken.count === 1;
}

/** Gives the lease back, if this holder still has it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, holder } });
}
