// npm run media:renditions: makes the delivery renditions of every clip that has none (databases
// from before renditions), reading originals from the configured media store, then the check twin
// of every clip that lacks one in its delivery format (issue 31). Re-running is safe.
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { backfillRenditions } from "../lib/media/backfill-renditions";
import { makeCheckTwins } from "../lib/media/check-twins";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

runCli(
  async () => {
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      const store = createMediaStore(env);
      const result = await backfillRenditions(db, store, (line) => console.log(line));
      console.log(`renditions made for ${result.made} clip(s); ${result.failed.length} failed`);
      const twins = await makeCheckTwins(db, store, { log: (line) => console.log(line) });
      console.log(`check twins made for ${twins.made} clip(s); ${twins.failed.length} failed`);
      if (result.failed.length > 0 || twins.failed.length > 0) process.exitCode = 1;
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
