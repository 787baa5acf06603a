/**
 * Runs once when a server instance starts (`npm start` and `npm run dev`): refuses to serve a
 * database that lacks migrations, with one line saying what to run, then starts the leaderboard
 * recompute loop.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb, getEnv, getLeaderboardCache }, { startLeaderboardScheduler }, { explainPendingMigrations }] =
    await Promise.all([
      import("./lib/http/app-context"),
      import("./lib/leaderboard/scheduler"),
      import("./lib/db/applied-migrations"),
    ]);
  const problem = await explainPendingMigrations(getEnv().DATABASE_URL);
  if (problem) {
    console.error(`error: ${problem}`);
    process.exit(1);
  }
  startLeaderboardScheduler(getDb(), getEnv(), getLeaderboardCache());
}
