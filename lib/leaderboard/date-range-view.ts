import type { Db } from "../db/client";
import { narrowBattles } from "../counted-vote";
import { aggregateVotes } from "./aggregate-votes";
import { fitView } from "./view-fit";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { PublishedView } from "./snapshot-data";
import { battlesOf, type LeaderboardQuery, PERIOD_DAYS, viewKey } from "./leaderboard-query";

const DAY_MS = 24 * 3600 * 1000;

/** What a range fit needs of its snapshot (small enough to send to a worker thread). */
export type RangeFitSnapshot = Pick<LoadedSnapshot, "computedAt" | "params">;

/** Fits a view on request: fitRangeView in this thread, or the same in a worker (lib/http/heavy-work.ts). */
export type RangeFitter = (db: Db, snapshot: RangeFitSnapshot, query: LeaderboardQuery) => Promise<PublishedView>;

/**
 * The Bradley-Terry view of a query fitted on request (isFittedOnRequest), with the same
 * parameters as `snapshot`, from the counted votes up to the snapshot: the query's date range
 * (`from`/`to`, UTC days, both included; without them, its period before the snapshot), its tie
 * model (`bt-half`: half a win; else Davidson's), its bootstrap unit (`cluster`: single votes,
 * voter sessions or prompts), its votes (`votesFrom`: pair and quad votes, or one kind), and with
 * `exclude=recognised` without the votes whose voter named a model correctly in the survey. A range covering every vote with the defaults gives the
 * published numbers. LeaderboardCache.rangeView keeps the fits until the next snapshot.
 */
export async function fitRangeView(
  db: Db,
  snapshot: RangeFitSnapshot,
  query: LeaderboardQuery,
): Promise<PublishedView> {
  // Votes after the snapshot are left out, so a range answer agrees with the page around it.
  const latest = snapshot.computedAt.getTime() + 1;
  // Without a range, the query's period counts back from the snapshot (as its windows do).
  const since = query.period === "all" ? 0 : snapshot.computedAt.getTime() - PERIOD_DAYS[query.period] * DAY_MS;
  const from = query.from || query.to ? new Date(query.from ? `${query.from}T00:00:00Z` : 0) : new Date(since);
  const until = new Date(Math.min(query.to ? new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS : latest, latest));
  const { params } = snapshot;
  const key = viewKey({ category: query.category, lang: query.lang, mode: query.mode });
  const aggregated = await aggregateVotes(db, {
    includeFlagged: params.includeFlagged,
    excludeRecognised: query.exclude === "recognised",
    battles: await narrowBattles(db, battlesOf(query.votesFrom)),
    range: { from, until },
    onlyView: key,
    ...(query.cluster !== "none" ? { clusterBy: query.cluster } : {}),
  });
  const quadVotes = aggregated.quadVoteCounts.get(key) ?? 0;
  return {
    votes: aggregated.voteCounts.get(key) ?? 0,
    ...(quadVotes > 0 ? { quadVotes } : {}),
    bt: fitView(aggregated, key, {
      bootstrap: params.btBootstrap,
      seed: params.seed,
      cluster: query.cluster,
      ties: query.method === "bt-half" ? "half" : "davidson",
    }),
  };
}
