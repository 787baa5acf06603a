/**
 * The Node.js half of instrumentation.ts, imported only when NEXT_RUNTIME is "nodejs", so the
 * Edge build never sees process.exit: refuses to serve a database that lacks migrations, with
 * one line saying what to run, then starts the leaderboard recompute loop (its work runs in a
 * worker thread).
 */
import { getArenaCache, getDb, getEnv, getHeavyWork, getLeaderboardCache } from "./lib/http/app-context";
import { snapshotParams, startLeaderboardScheduler } from "./lib/leaderboard/scheduler";
import { explainPendingMigrations } from "./lib/db/applied-migrations";

export async function registerNodeServer(): Promise<void> {
  const env = getEnv();
  const problem = await explainPendingMigrations(env.DATABASE_URL);
  if (problem) {
    console.error(`error: ${problem}`);
    process.exit(1);
  }
  // The due check and the recompute both run in a worker thread: the request thread only swaps in the result.
  // A new snapshot may have flagged votes: the sampler's vote tally then counts them all again.
  startLeaderboardScheduler(getDb(), env, getLeaderboardCache(), console.log, async () => {
    const id = await getHeavyWork().recompute(snapshotParams(env), {
      afterVotes: env.RECOMPUTE_AFTER_VOTES,
      afterSeconds: env.RECOMPUTE_AFTER_SECONDS,
    });
    if (id) getArenaCache().votesChanged();
    return id;
  });
}
