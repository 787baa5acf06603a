import type { Db } from "../db/client";
import type { SnapshotData, SnapshotParams } from "./snapshot-data";

export interface LoadedSnapshot {
  id: string;
  computedAt: Date;
  params: SnapshotParams;
  data: SnapshotData;
}

/**
 * The newest leaderboard snapshot, parsed; `held` is returned as is when it is still the newest,
 * so a snapshot is parsed once. Null when none was computed yet. Held per process by
 * LeaderboardCache (lib/leaderboard/leaderboard-cache.ts).
 */
export async function readLatestSnapshot(db: Db, held: LoadedSnapshot | null): Promise<LoadedSnapshot | null> {
  const head = await db.ratingSnapshot.findFirst({ orderBy: { computedAt: "desc" }, select: { id: true } });
  if (held && head?.id === held.id) return held;
  const row = head ? await db.ratingSnapshot.findUnique({ where: { id: head.id } }) : null;
  return row
    ? {
        id: row.id,
        computedAt: row.computedAt,
        params: JSON.parse(row.params) as SnapshotParams,
        data: JSON.parse(row.data) as SnapshotData,
      }
    : null;
}
