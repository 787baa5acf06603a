import type { Db } from "../db/client";
import type { Env } from "../env";
import type { LeaderboardCache } from "./leaderboard-cache";
import { isRecomputeDue, recomputeLeaderboard } from "./recompute";
import type { SnapshotParams } from "./snapshot-data";

/** The published leaderboard's parameters, from the environment. */
export function snapshotParams(env: Env): SnapshotParams {
  return {
    btBootstrap: env.BT_BOOTSTRAP_ROUNDS,
    eloBootstrap: env.ELO_BOOTSTRAP_ROUNDS,
    eloK: 4,
    seed: 42,
    includeFlagged: false,
    burstVotesPerMinute: env.INTEGRITY_BURST_VOTES_PER_MINUTE,
    checkRule: { threshold: env.CHECK_FLAG_THRESHOLD, minChecks: env.CHECK_FLAG_MIN_CHECKS },
  };
}

/** Recomputes when due (isRecomputeDue) and gives the new snapshot's id, else null. */
export type RecomputeIfDue = () => Promise<string | null>;

/** RecomputeIfDue in the calling thread (CLIs and tests; the web process uses a worker thread). */
export function recomputeInThread(db: Db, env: Env): RecomputeIfDue {
  return async () =>
    (await isRecomputeDue(db, env.RECOMPUTE_AFTER_VOTES, env.RECOMPUTE_AFTER_SECONDS))
      ? recomputeLeaderboard(db, snapshotParams(env))
      : null;
}

/**
 * Every RECOMPUTE_CHECK_SECONDS, runs `recomputeIfDue`: the web process passes one that checks
 * and recomputes in a worker thread (lib/http/heavy-work.ts), so neither the vote count nor the
 * fits ever hold the request thread. Every instance runs this loop; the database lease lets one
 * recompute at a time, and a failed recompute is logged and retried at the next check. A new
 * snapshot makes `cache` forget the one it holds (the finished snapshot is swapped in). Returns a
 * function that stops the loop.
 */
export function startLeaderboardScheduler(
  db: Db,
  env: Env,
  cache: LeaderboardCache,
  log: (line: string) => void = console.log,
  recomputeIfDue: RecomputeIfDue = recomputeInThread(db, env),
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const started = Date.now();
      const id = await recomputeIfDue();
      if (id) {
        cache.forget();
        log(`leaderboard: snapshot ${id} in ${Date.now() - started} ms`);
      }
    } catch (error) {
      log(`leaderboard recompute failed: ${(error as Error).message.split("\n")[0]}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), env.RECOMPUTE_CHECK_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
