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
  };
}

/**
 * Checks every RECOMPUTE_CHECK_SECONDS whether the leaderboard is due (see isRecomputeDue) and
 * recomputes it in this process (no child process, so `npm start` needs nothing beyond the
 * production dependencies). Every instance runs this loop; the database lease lets one recompute
 * at a time, and a failed recompute is logged and retried at the next check. A new snapshot
 * makes `cache` forget the one it holds. Returns a function that stops the loop.
 */
export function startLeaderboardScheduler(
  db: Db,
  env: Env,
  cache: LeaderboardCache,
  log: (line: string) => void = console.log,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await isRecomputeDue(db, env.RECOMPUTE_AFTER_VOTES, env.RECOMPUTE_AFTER_SECONDS)) {
        const started = Date.now();
        const id = await recomputeLeaderboard(db, snapshotParams(env));
        if (id) {
          cache.forget();
          log(`leaderboard: snapshot ${id} in ${Date.now() - started} ms`);
        }
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
