/**
 * The Node.js half of instrumentation.ts, imported only when NEXT_RUNTIME is "nodejs", so the
 * Edge build never sees process.exit: refuses to serve a database that lacks migrations, with
 * one line saying what to run, then starts the leaderboard recompute loop (its work runs in a
 * worker thread).
 */
import { getDb, getEnv, getHeavyWork, getLeaderboardCache } from "./lib/http/app-context";
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
  startLeaderboardScheduler(getDb(), env, getLeaderboardCache(), console.log, () =>
    getHeavyWork().recompute(snapshotParams(env), {
      afterVotes: env.RECOMPUTE_AFTER_VOTES,
      afterSeconds: env.RECOMPUTE_AFTER_SECONDS,
    }),
  );
}
