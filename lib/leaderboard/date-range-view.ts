import type { Db } from "../db/client";
import { computeBradleyTerry } from "../ratings";
import { aggregateVotes } from "./aggregate-votes";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { PublishedView } from "./snapshot-data";
import { type LeaderboardQuery, viewKey } from "./leaderboard-query";
import { processShared } from "../process-shared";

const DAY_MS = 24 * 3600 * 1000;
/** Fitted ranges kept in memory, per snapshot; the oldest go first. */
const MAX_CACHED = 100;
const state = processShared("date-range-views", () => ({
  cache: new Map<string, Promise<PublishedView>>(),
  cachedFor: null as string | null,
}));

/**
 * The Bradley-Terry view of a date range (`from`/`to`, UTC days, both included), fitted on
 * request from the counted votes with the same parameters as the snapshot, so a range covering
 * every vote gives the published numbers. Null when the query has no range or cannot have one
 * (unknown category, Elo: the caller answers those). Fits are reused until the next snapshot.
 */
export function loadRangeView(
  db: Db,
  snapshot: LoadedSnapshot | null,
  query: LeaderboardQuery,
  knownCategories: string[],
): Promise<PublishedView> | null {
  if (!snapshot || (!query.from && !query.to) || query.method !== "bt") return null;
  if (query.category !== "overall" && !knownCategories.includes(query.category)) return null;
  const { cache } = state;
  if (state.cachedFor !== snapshot.id) {
    cache.clear();
    state.cachedFor = snapshot.id;
  }
  const key = `${query.category}|${query.lang}|${query.mode}|${query.from ?? ""}|${query.to ?? ""}`;
  let view = cache.get(key);
  if (!view) {
    view = fitRange(db, snapshot, query);
    view.catch(() => cache.delete(key));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, view);
  }
  return view;
}

async function fitRange(db: Db, snapshot: LoadedSnapshot, query: LeaderboardQuery): Promise<PublishedView> {
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
