// npm run bench:recompute [-- 10000 100000 1000000]: time of one leaderboard recompute (integrity
// checks, every view, Elo, style control, the snapshot write) on a scratch SQLite database of that
// many counted votes, with the published parameters (BT_BOOTSTRAP_ROUNDS etc. from the
// environment). Run in this process's main thread; the server runs the same code in a worker.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/prepare";
import { seedDemoIfEmpty } from "../../lib/demo/seed";
import { parseEnv } from "../../lib/env";
import { recomputeLeaderboard } from "../../lib/leaderboard/recompute";
import { snapshotParams } from "../../lib/leaderboard/scheduler";
import { LocalMediaStore } from "../../lib/storage/local-media";
import { insertCountedVotes } from "./counted-votes";

const sizes = process.argv.slice(2).map(Number);
const params = snapshotParams(parseEnv());
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-recompute-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await migrateDatabase(url, () => {});
    const db = createDb(url);
    await seedDemoIfEmpty(db, new LocalMediaStore(path.join(dir, "media")));
    await insertCountedVotes(db, size);
    const times: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const t0 = performance.now();
      await recomputeLeaderboard(db, params);
      times.push((performance.now() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${String(size).padStart(8)} votes: recompute median ${times[1]!.toFixed(2)} s (of ${times.map((t) => t.toFixed(2)).join(", ")}; ${params.btBootstrap} BT / ${params.eloBootstrap} Elo bootstrap rounds)  load ${os.loadavg()[0]!.toFixed(2)}`,
    );
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
