/**
 * The Node.js half of instrumentation.ts, imported only when NEXT_RUNTIME is "nodejs", so the
 * Edge build never sees process.exit: refuses to serve a database that lacks migrations, with
 * one line saying what to run, then starts the leaderboard recompute loop.
 */
import { getDb, getEnv, getLeaderboardCache } from "./lib/http/app-context";
import { startLeaderboardScheduler } from "./lib/leaderboard/scheduler";
import { explainPendingMigrations } from "./lib/db/applied-migrations";

export async function registerNodeServer(): Promise<void> {
  const problem = await explainPendingMigrations(getEnv().DATABASE_URL);
  if (problem) {
    console.error(`error: ${problem}`);
    process.exit(1);
  }
  startLeaderboardScheduler(getDb(), getEnv(), getLeaderboardCache());
}
