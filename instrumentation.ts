/** Runs once when a server instance starts: the Node server starts the leaderboard recompute loop. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { getEnv }, { startLeaderboardScheduler }] = await Promise.all([
    import("./lib/db"),
    import("./lib/env"),
    import("./lib/leaderboard/scheduler"),
  ]);
  startLeaderboardScheduler(getDb(), getEnv());
}
