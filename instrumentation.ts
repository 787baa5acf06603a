/**
 * Runs once when a server instance starts (`npm start` and `npm run dev`): refuses to serve a
 * database that lacks migrations, with one line saying what to run, then starts the leaderboard
 * recompute loop (its work runs in a worker thread).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [
    { getArenaCache, getDb, getEnv, getHeavyWork, getLeaderboardCache },
    { snapshotParams, startLeaderboardScheduler },
    { explainPendingMigrations },
  ] = await Promise.all([
    import("./lib/http/app-context"),
    import("./lib/leaderboard/scheduler"),
    import("./lib/db/applied-migrations"),
  ]);
  const problem = await explainPendingMigrations(getEnv().DATABASE_URL);
  if (problem) {
    console.error(`error: ${problem}`);
    process.exit(1);
  }
  const env = getEnv();
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
