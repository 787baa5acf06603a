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
 * The query whose view answers `query` on `snapshot`, and whether that board is empty: a view
 * without quad votes (its all-dates view's `quadVotes`, which every date range of it is within)
 * answers `votesFrom=pairs` with the published board of both (the same votes, so the same
 * numbers) and `votesFrom=quads` with an empty board, so neither is fitted on request.
 */
export function answeringQuery(
  snapshot: LoadedSnapshot | null,
  query: LeaderboardQuery,
): { read: LeaderboardQuery; empty: boolean } {
  if (query.votesFrom === "both" || !snapshot) return { read: query, empty: false };
  const quads =
    snapshot.data.views[viewKey({ category: query.category, lang: query.lang, mode: query.mode })]?.quadVotes;
  if (quads) return { read: query, empty: false };
  return query.votesFrom === "pairs"
    ? { read: { ...query, votesFrom: "both" }, empty: false }
    : { read: query, empty: true };
}

/**
 * The one leaderboard read, for the page, the API and the share image: the latest snapshot's view
 * for a query, or a view fitted on request (a date range, bt-half, a clustered bootstrap,
 * `exclude=recognised`, one kind of vote: answeringQuery), both held by `cache` (LeaderboardCache), as the public rows
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
  const { read, empty } = answeringQuery(snapshot, query);
  const rangeView = empty ? null : await cache.rangeView(db, snapshot, read, knownCategories, admitRangeFit);
  const board = selectLeaderboard(snapshot, read, knownCategories, rangeView, await readFactsInForce(db));
  const view = isFittedOnRequest(read) ? rangeView : (snapshot?.data.views[viewKey(read)] ?? null);
  // The board says which votes were asked for, also when the published one of both answered.
  return { board: { ...board, votesFrom: query.votesFrom }, snapshot, view };
}
