// npm run dataset:release: freezes the next numbered dataset release into the database and the
// media store (MEDIA_DIR or the S3 bucket), where every app instance serves it from.
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { createRelease } from "../lib/export/release";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

runCli(
  async () => {
    const env = parseEnv();
    const db = createDb(env.DATABASE_URL);
    try {
      const manifest = await createRelease(db, createMediaStore(env), {
        bootstrap: env.BT_BOOTSTRAP_ROUNDS,
        seed: 42,
        checkRule: { threshold: env.CHECK_FLAG_THRESHOLD, minChecks: env.CHECK_FLAG_MIN_CHECKS },
      });
      console.log(
        `release v${manifest.release}: ${manifest.rows.total} votes (${manifest.rows.counted} counted), served at /api/releases/v${manifest.release}/<file>`,
      );
      for (const file of manifest.files)
        console.log(`  ${file.name.padEnd(14)} ${String(file.bytes).padStart(10)} bytes  sha256 ${file.sha256}`);
    } finally {
      await db.$disconnect();
    }
  },
  { migratedDatabase: true },
);
