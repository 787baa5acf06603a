import type { Db } from "../db/client";
import type { SnapshotData, SnapshotParams } from "./snapshot-data";
import { processShared } from "../process-shared";

export interface LoadedSnapshot {
  id: string;
  computedAt: Date;
  params: SnapshotParams;
  data: SnapshotData;
}

/** How long a process trusts the snapshot it holds before asking the database for a newer one. */
const RECHECK_MS = 2_000;

// One per process (processShared): the scheduler's forgetLatestSnapshot must reach the copy the
// pages and the API read, even where Next.js bundles them apart.
const state = processShared("latest-snapshot", () => ({
  held: undefined as { snapshot: LoadedSnapshot | null; checkedAt: number } | undefined,
}));

/**
 * The newest leaderboard snapshot. Parsed once per snapshot and held in memory; the database is
 * asked for the newest id at most every two seconds, so pages and the API never recompute and
 * rarely touch the database.
 */
export async function getLatestSnapshot(db: Db, now = Date.now()): Promise<LoadedSnapshot | null> {
  const { held } = state;
  if (held && now - held.checkedAt < RECHECK_MS) return held.snapshot;
  const head = await db.ratingSnapshot.findFirst({ orderBy: { computedAt: "desc" }, select: { id: true } });
  if (held?.snapshot && head?.id === held.snapshot.id) {
    held.checkedAt = now;
    return held.snapshot;
  }
  const row = head ? await db.ratingSnapshot.findUnique({ where: { id: head.id } }) : null;
  const snapshot = row
    ? {
        id: row.id,
        computedAt: row.computedAt,
        params: JSON.parse(row.params) as SnapshotParams,
        data: JSON.parse(row.data) as SnapshotData,
      }
    : null;
  state.held = { snapshot, checkedAt: now };
  return snapshot;
}

/** Drops the held snapshot (tests, and right after this process wrote a new one). */
export function forgetLatestSnapshot(): void {
  state.held = undefined;
}
