// npm run leaderboard:recompute: computes and stores a new leaderboard snapshot now.
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { recomputeLeaderboard } from "../lib/leaderboard/recompute";
import { snapshotParams } from "../lib/leaderboard/scheduler";
import { runCli } from "./run-cli";

runCli(
  async () => {
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      const started = Date.now();
      const id = await recomputeLeaderboard(db, snapshotParams(env));
      console.log(
        id ? `snapshot ${id} in ${Date.now() - started} ms` : "another instance is recomputing right now; nothing done",
      );
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
