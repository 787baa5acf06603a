import type { Db } from "../db/client";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { LeaderboardCache } from "./leaderboard-cache";
import type { LeaderboardQuery } from "./leaderboard-query";
import { isFittedOnRequest, viewKey } from "./leaderboard-query";
import { type LeaderboardResponse, selectLeaderboard } from "./leaderboard-response";
import type { PublishedView } from "./snapshot-data";
import { readFactsInForce } from "./model-facts";

/** A leaderboard read: the public response, and the snapshot and view it came from. */
export interface LeaderboardRead {
  board: LeaderboardResponse;
  snapshot: LoadedSnapshot | null;
  /** The published (or, for a date range, fitted) view behind the board; null before any snapshot. */
  view: PublishedView | null;
}

/**
 * The one leaderboard read, for the page, the API and the share image: the latest snapshot's view
 * for a query, or a view fitted on request (a date range, bt-half, a clustered bootstrap,
 * `exclude=recognised`), both held by `cache` (LeaderboardCache), as the public rows
 * (selectLeaderboard). `knownCategories` are the category slugs; an unknown one is a DomainError
 * unknown_category (404). `admitRangeFit` is the caller's rate limit on new fits (see
 * LeaderboardCache.rangeView): its refusal (a 429 rate_limited) is thrown.
 */
export async function readLeaderboard(
  cache: LeaderboardCache,
  db: Db,
  query: LeaderboardQuery,
  knownCategories: string[],
  admitRangeFit?: () => Promise<void>,
): Promise<LeaderboardRead> {
  const snapshot = await cache.latestSnapshot(db);
  const rangeView = await cache.rangeView(db, snapshot, query, knownCategories, admitRangeFit);
  const board = selectLeaderboard(snapshot, query, knownCategories, rangeView, await readFactsInForce(db));
  const view = isFittedOnRequest(query) ? rangeView : (snapshot?.data.views[viewKey(query)] ?? null);
  return { board, snapshot, view };
}
