// npm run bench:arena: battles served and votes accepted per second, with p50/p99 latency, against
// the production build on SQLite (and PostgreSQL when reachable). Needs `npm run build` first.
// `-- --quad` also serves and votes quad battles (issue 32: `{ "size": 4 }`, best and worst) in
// the same rounds, and prints the cost of serving a quad relative to a pair (target ≤ 2×).
// BENCH_PORT sets the server's port (default 3200), BENCH_BATTLES the battles per round (3,000).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type LoadFigures, median, request, runLoad } from "./load";
import { onScratchDatabases } from "./scratch-databases";
import { startServer } from "./server";

const ROUNDS = 3;
/** Battles per round; BENCH_BATTLES lowers it for a quick run on a busy machine. */
const BATTLES_PER_ROUND = Number(process.env.BENCH_BATTLES ?? 3_000);
const CONCURRENCY = 32;
const VOTERS = 64;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;
const QUAD_VOTES = [{ best: "a", worst: "d" }, { best: "c", worst: "b" }, { outcome: "all_bad" }] as const;
const QUAD = process.argv.includes("--quad");
const PORT = Number(process.env.BENCH_PORT ?? 3200);

/** One kind of battle the bench serves: its create body and the vote body of battle i. */
interface Mode {
  label: string;
  create: string;
  vote: (i: number) => string;
}

const MODES: Mode[] = [
  { label: "", create: "{}", vote: (i) => JSON.stringify({ outcome: OUTCOMES[i % OUTCOMES.length] }) },
  ...(QUAD
    ? [
        {
          label: "quad ",
          create: JSON.stringify({ size: 4 }),
          vote: (i: number) => JSON.stringify(QUAD_VOTES[i % QUAD_VOTES.length]),
        },
      ]
    : []),
];

async function benchEngine(label: string, databaseUrl: string): Promise<void> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-media-"));
  const server = await startServer(PORT, {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    // The bench is one client address sending thousands of requests: lift the limits it measures around.
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
    RECOMPUTE_CHECK_SECONDS: process.env.RECOMPUTE_CHECK_SECONDS ?? "10",
  });
  try {
    const cookies: string[] = [];
    for (let i = 0; i < VOTERS; i += 1) {
      const response = await request(`${server.baseUrl}/api/battles`, "POST", "{}");
      cookies.push(String(response.headers["set-cookie"]?.[0]).split(";")[0] ?? "");
    }
    const runs = MODES.map(() => ({ battles: [] as LoadFigures[], votes: [] as LoadFigures[] }));
    // Round 0 warms the server up (JIT, caches, connection pools) and is not counted.
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const [m, mode] of MODES.entries()) {
        const battles: { id: string; cookie: string }[] = [];
        const battleRun = await runLoad(BATTLES_PER_ROUND, CONCURRENCY, async (i) => {
          const cookie = cookies[i % VOTERS] as string;
          const response = await request(`${server.baseUrl}/api/battles`, "POST", mode.create, { cookie });
          if (response.status !== 201) return false;
          battles[i] = { id: (JSON.parse(response.body) as { battleId: string }).battleId, cookie };
          return true;
        });
        const voteRun = await runLoad(BATTLES_PER_ROUND, CONCURRENCY, async (i) => {
          const battle = battles[i];
          if (!battle) return false;
          const response = await request(`${server.baseUrl}/api/battles/${battle.id}/vote`, "POST", mode.vote(i), {
            cookie: battle.cookie,
          });
          return response.status === 201;
        });
        if (round === 0) continue;
        runs[m]?.battles.push(battleRun);
        runs[m]?.votes.push(voteRun);
      }
    }
    for (const [m, mode] of MODES.entries()) {
      report(`${label} ${mode.label}battles`, runs[m]?.battles ?? []);
      report(`${label} ${mode.label}votes`, runs[m]?.votes ?? []);
    }
    const [pair, quad] = runs;
    if (pair && quad) {
      // Cost per served battle: the inverse of throughput at the same concurrency, and the median latency.
      const ratio = (of: (r: LoadFigures) => number, inverse: boolean) =>
        inverse
          ? median(pair.battles.map(of)) / median(quad.battles.map(of))
          : median(quad.battles.map(of)) / median(pair.battles.map(of));
      console.log(
        `${label} quad serve cost / pair: ${ratio((r) => r.perSecond, true).toFixed(2)}× by throughput, ${ratio((r) => r.p50Ms, false).toFixed(2)}× by p50, ${ratio((r) => r.p99Ms, false).toFixed(2)}× by p99 (target ≤ 2×)`,
      );
    }
  } finally {
    await server.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
}

function report(label: string, runs: LoadFigures[]): void {
  const fmt = (values: number[], digits: number) => median(values).toFixed(digits);
  console.log(
    `${label.padEnd(20)} ${fmt(
      runs.map((r) => r.perSecond),
      0,
    ).padStart(6)}/s  p50 ${fmt(
      runs.map((r) => r.p50Ms),
      1,
    )} ms  p99 ${fmt(
      runs.map((r) => r.p99Ms),
      1,
    )} ms  errors ${runs.reduce((n, r) => n + r.errors, 0)}  (median of ${runs.length} rounds × ${BATTLES_PER_ROUND} after a warm-up round, ${CONCURRENCY} in flight)`,
  );
}

async function main(): Promise<void> {
  await onScratchDatabases((engine, url) => benchEngine(engine, url));
}

await main();
