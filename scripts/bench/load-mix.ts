// npm run bench:load: 60 s of sustained mixed traffic (battles, votes, leaderboard reads) from
// this process against the production server on SQLite (and PostgreSQL when reachable), then
// votes acknowledged vs. stored. Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { request } from "./load";
import { onScratchDatabases } from "./scratch-databases";
import { startServer } from "./server";

const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 60) * 1000;
const CLIENTS = 24;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function run(label: string, databaseUrl: string, port: number): Promise<void> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-load-media-"));
  const server = await startServer(port, {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
  });
  const latencies: Record<string, number[]> = { battle: [], vote: [], leaderboard: [] };
  let errors = 0;
  const acknowledged = new Set<string>();
  const deadline = Date.now() + DURATION_MS;
  const timed = async (kind: string, call: () => Promise<{ status: number; body: string }>) => {
    const started = performance.now();
    const response = await call().catch(() => ({ status: 0, body: "" }));
    latencies[kind]?.push(performance.now() - started);
    if (response.status >= 500 || response.status === 0) errors += 1;
    return response;
  };
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const first = await request(`${server.baseUrl}/api/battles`, "POST", "{}");
        const cookie = String(first.headers["set-cookie"]?.[0]).split(";")[0] ?? "";
        for (let i = 0; Date.now() < deadline; i += 1) {
          // The realistic mix: a voter loads a battle and votes; one request in ten reads the board.
          if ((client + i) % 10 === 0) {
            await timed("leaderboard", () => request(`${server.baseUrl}/api/leaderboard`, "GET"));
            continue;
          }
          const battle = await timed("battle", () =>
            request(`${server.baseUrl}/api/battles`, "POST", "{}", { cookie }),
          );
          if (battle.status !== 201) continue;
          const id = (JSON.parse(battle.body) as { battleId: string }).battleId;
          const vote = await timed("vote", () =>
            request(`${server.baseUrl}/api/battles/${id}/vote`, "POST", JSON.stringify({ outcome: OUTCOMES[i % 4] }), {
              cookie,
            }),
          );
          if (vote.status === 201) acknowledged.add(id);
        }
      }),
    );
  } finally {
    await server.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  }
  const db = createDb(databaseUrl);
  const inDatabase = new Set((await db.vote.findMany({ select: { battleId: true } })).map((v) => v.battleId));
  const stored = [...acknowledged].filter((id) => inDatabase.has(id)).length;
  const total = inDatabase.size;
  await db.$disconnect();
  const seconds = DURATION_MS / 1000;
  const requests = Object.values(latencies).reduce((n, l) => n + l.length, 0);
  console.log(
    `${label}: ${Math.round(requests / seconds)} requests/s over ${seconds} s, ${CLIENTS} clients, ${errors} errors`,
  );
  for (const [kind, values] of Object.entries(latencies)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${kind.padEnd(11)} ${String(Math.round(values.length / seconds)).padStart(5)}/s  p50 ${percentile(sorted, 0.5).toFixed(1)} ms  p99 ${percentile(sorted, 0.99).toFixed(1)} ms`,
    );
  }
  console.log(`  votes acknowledged ${acknowledged.size}, stored ${stored} (all votes in the database: ${total})`);
}

async function main(): Promise<void> {
  await onScratchDatabases((engine, url) => run(engine, url, engine === "sqlite" ? 3210 : 3211));
}

await main();
