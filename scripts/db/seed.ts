// npm run db:seed: loads the demo content into an empty database; a database with data is left alone.
import { createDb } from "../../lib/db/client";
import { seedDemoIfEmpty } from "../../lib/demo/seed";
import { createMediaStore } from "../../lib/storage/media-store";
import { parseEnv } from "../../lib/env";
import { runCli } from "../run-cli";

runCli(
  async () => {
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      const seeded = await seedDemoIfEmpty(db, createMediaStore(env));
      console.log(
        seeded
          ? `seeded the demo: ${seeded.models} models, ${seeded.prompts} prompts, ${seeded.clips} clips`
          : "the database already has content: nothing seeded",
      );
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
