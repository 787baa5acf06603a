// npm run dataset:release: freezes the next numbered dataset release under DATASET_DIR.
import { createDb } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { createRelease } from "../lib/export/release";
import { runCli } from "./run-cli";

runCli(async () => {
  const env = parseEnv();
  const db = createDb(env.DATABASE_URL);
  try {
    const manifest = await createRelease(db, env.DATASET_DIR, { bootstrap: env.BT_BOOTSTRAP_ROUNDS, seed: 42 });
    console.log(
      `release v${manifest.release}: ${manifest.rows.total} votes (${manifest.rows.counted} counted) in ${env.DATASET_DIR}/v${manifest.release}`,
    );
    for (const file of manifest.files)
      console.log(`  ${file.name.padEnd(14)} ${String(file.bytes).padStart(10)} bytes  sha256 ${file.sha256}`);
  } finally {
    await db.$disconnect();
  }
});
