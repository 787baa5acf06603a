// npm run demo:remove: removes the demo content in one step — its placeholder clips, the battles
// and votes that showed them, the prompts and models left without clips, the demo categories left
// without prompts — then recomputes the leaderboard from the votes that remain.
import { createDb } from "../lib/db/client";
import { removeDemo } from "../lib/demo/remove-demo";
import { parseEnv } from "../lib/env";
import { recomputeLeaderboard } from "../lib/leaderboard/recompute";
import { snapshotParams } from "../lib/leaderboard/scheduler";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

runCli(
  async () => {
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      const removed = await removeDemo(db, createMediaStore(env));
      console.log(
        `removed the demo: ${removed.models} models, ${removed.prompts} prompts, ${removed.clips} clips, ${removed.battles} battles, ${removed.votes} votes, ${removed.categories} categories`,
      );
      if ((await db.vote.count()) > 0) {
        const id = await recomputeLeaderboard(db, snapshotParams(env));
        console.log(id ? `leaderboard recomputed: snapshot ${id}` : "another instance is recomputing right now");
      }
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
