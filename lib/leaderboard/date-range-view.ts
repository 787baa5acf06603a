import type { Db } from "../db/client";
import { computeBradleyTerry } from "../ratings";
import { aggregateVotes } from "./aggregate-votes";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { PublishedView } from "./snapshot-data";
import { type LeaderboardQuery, viewKey } from "./leaderboard-query";

const DAY_MS = 24 * 3600 * 1000;

/** What a range fit needs of its snapshot (small enough to send to a worker thread). */
export type RangeFitSnapshot = Pick<LoadedSnapshot, "computedAt" | "params">;

/** Fits a date range's view: fitRangeView in this thread, or the same in a worker (lib/http/heavy-work.ts). */
export type RangeFitter = (db: Db, snapshot: RangeFitSnapshot, query: LeaderboardQuery) => Promise<PublishedView>;

/**
 * The Bradley-Terry view of the query's date range (`from`/`to`, UTC days, both included), fitted
 * from the counted votes with the same parameters as `snapshot`, so a range covering every vote
 * gives the published numbers. LeaderboardCache.rangeView keeps the fits until the next snapshot.
 */
export async function fitRangeView(
  db: Db,
  snapshot: RangeFitSnapshot,
  query: LeaderboardQuery,
): Promise<PublishedView> {
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(0);
  // Votes after the snapshot are left out, so a range answer agrees with the page around it.
  const latest = snapshot.computedAt.getTime() + 1;
  const until = new Date(Math.min(query.to ? new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS : latest, latest));
  const { params } = snapshot;
  const aggregated = await aggregateVotes(db, { includeFlagged: params.includeFlagged, range: { from, until } });
  const key = viewKey({ category: query.category, lang: query.lang, mode: query.mode });
  return {
    votes: aggregated.voteCounts.get(key) ?? 0,
    bt: computeBradleyTerry(aggregated.cells.get(key) ?? [], { bootstrap: params.btBootstrap, seed: params.seed }),
  };
}
