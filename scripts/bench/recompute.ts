// npm run bench:recompute [-- 10000 100000 1000000]: time of one leaderboard recompute (integrity
// checks, every view, Elo, style control, the snapshot write) on a scratch SQLite database of that
// many counted votes, with the published parameters (BT_BOOTSTRAP_ROUNDS etc. from the
// environment), median of 3, with each phase's median time. Run in this process's main thread;
// the server runs the same code in a worker. Seeded databases are kept in BENCH_VOTES_DIR (default
// the temp dir) and reused: see vote-template.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { parseEnv } from "../../lib/env";
import { type RecomputePhase, recomputeLeaderboard } from "../../lib/leaderboard/recompute";
import { snapshotParams } from "../../lib/leaderboard/scheduler";
import { seededVoteDatabase } from "./vote-template";

const sizes = process.argv.slice(2).map(Number);
const params = snapshotParams(parseEnv());
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-recompute-"));
  const file = path.join(dir, "bench.db");
  try {
    await seededVoteDatabase(file, size);
    const db = createDb(`file:${file}`);
    const times: number[] = [];
    const phases = new Map<RecomputePhase, number[]>();
    for (let round = 0; round < 3; round += 1) {
      const t0 = performance.now();
      await recomputeLeaderboard(db, params, undefined, (phase, ms) =>
        phases.set(phase, [...(phases.get(phase) ?? []), ms]),
      );
      times.push((performance.now() - t0) / 1000);
    }
    console.log(
      `${String(size).padStart(8)} votes: recompute median ${median(times).toFixed(2)} s (of ${times.map((t) => t.toFixed(2)).join(", ")}; ${params.btBootstrap} BT / ${params.eloBootstrap} Elo bootstrap rounds)  load ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `          phases (median s): ${[...phases].map(([phase, ms]) => `${phase} ${(median(ms) / 1000).toFixed(2)}`).join(", ")}`,
    );
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
