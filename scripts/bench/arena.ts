// npm run bench:arena: battles served and votes accepted per second, with p50/p99 latency, against
// the production build on SQLite (and PostgreSQL when reachable). Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type LoadFigures, median, request, runLoad } from "./load";
import { onScratchDatabases } from "./scratch-databases";
import { startServer } from "./server";

const ROUNDS = 3;
const BATTLES_PER_ROUND = 3_000;
const CONCURRENCY = 32;
const VOTERS = 64;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

async function benchEngine(label: string, databaseUrl: string): Promise<void> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-media-"));
  const server = await startServer(3200, {
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
    const battleRuns: LoadFigures[] = [];
    const voteRuns: LoadFigures[] = [];
    // Round 0 warms the server up (JIT, caches, connection pools) and is not counted.
    for (let round = 0; round <= ROUNDS; round += 1) {
      const battles: { id: string; cookie: string }[] = [];
      const battleRun = await runLoad(BATTLES_PER_ROUND, CONCURRENCY, async (i) => {
        const cookie = cookies[i % VOTERS] as string;
        const response = await request(`${server.baseUrl}/api/battles`, "POST", "{}", { cookie });
        if (response.status !== 201) return false;
        battles[i] = { id: (JSON.parse(response.body) as { battleId: string }).battleId, cookie };
        return true;
      });
      const voteRun = await runLoad(BATTLES_PER_ROUND, CONCURRENCY, async (i) => {
        const battle = battles[i];
        if (!battle) return false;
        const body = JSON.stringify({ outcome: OUTCOMES[i % 4] });
        const response = await request(`${server.baseUrl}/api/battles/${battle.id}/vote`, "POST", body, {
          cookie: battle.cookie,
        });
        return response.status === 201;
      });
      if (round === 0) continue;
      battleRuns.push(battleRun);
      voteRuns.push(voteRun);
    }
    report(`${label} battles`, battleRuns);
    report(`${label} votes`, voteRuns);
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
