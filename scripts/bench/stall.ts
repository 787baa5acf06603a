// npm run bench:stall: do voters stall while the server does heavy work? On a SQLite database of
// 100k counted votes, voters play at a steady rate (a battle then a vote, plus a health probe)
// first on a quiet server, then while the server recomputes the leaderboard over and over,
// 20 distinct date ranges are asked for and 10 exports stream in parallel. Prints p50/p99 of
// battle, vote and health latency for both runs and checks the target (vote p99 ≤ 2× quiet and
// ≤ 250 ms). Needs `npm run build` first. BENCH_STALL_VOTES / BENCH_STALL_SECONDS change the size.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { request } from "./load";
import { startServer } from "./server";
import { seededVoteDatabase } from "./vote-template";

const VOTES = Number(process.env.BENCH_STALL_VOTES ?? 100_000);
const PHASE_MS = Number(process.env.BENCH_STALL_SECONDS ?? 20) * 1000;
const PORT = Number(process.env.BENCH_STALL_PORT ?? 3131);
/** One voter action (a battle, then its vote) every this many ms, and one health probe. */
const VOTER_EVERY_MS = 100;
const HEALTH_EVERY_MS = 100;
const DAY_MS = 24 * 3600 * 1000;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

interface Latencies {
  battle: number[];
  vote: number[];
  health: number[];
  failed: number;
}

/**
 * Voters and health probes at a steady rate (open loop: a slow answer does not slow the rate),
 * until `until(ms since the steady rate began)`: the 40 sessions made first are not part of the
 * phase (they took most of a 20 s phase on a busy machine, leaving 9 samples).
 */
async function steadyVoters(baseUrl: string, until: (elapsedMs: number) => boolean): Promise<Latencies> {
  const result: Latencies = { battle: [], vote: [], health: [], failed: 0 };
  const cookies: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const first = await request(`${baseUrl}/api/battles`, "POST", "{}");
    cookies.push(String(first.headers["set-cookie"]?.[0]).split(";")[0] ?? "");
  }
  const timed = async (into: number[], call: () => Promise<{ status: number; body: string }>) => {
    const t0 = performance.now();
    const response = await call().catch(() => ({ status: 0, body: "" }));
    into.push(performance.now() - t0);
    if (response.status === 0 || response.status >= 400) result.failed += 1;
    return response;
  };
  const inFlight: Promise<unknown>[] = [];
  const began = Date.now();
  let n = 0;
  const voterTimer = setInterval(() => {
    const cookie = cookies[n++ % cookies.length]!;
    inFlight.push(
      (async () => {
        const battle = await timed(result.battle, () => request(`${baseUrl}/api/battles`, "POST", "{}", { cookie }));
        if (battle.status !== 201) return;
        const id = (JSON.parse(battle.body) as { battleId: string }).battleId;
        await timed(result.vote, () =>
          request(`${baseUrl}/api/battles/${id}/vote`, "POST", JSON.stringify({ outcome: OUTCOMES[n % 4] }), {
            cookie,
          }),
        );
      })(),
    );
  }, VOTER_EVERY_MS);
  const healthTimer = setInterval(() => {
    inFlight.push(timed(result.health, () => request(`${baseUrl}/api/health`, "GET")));
  }, HEALTH_EVERY_MS);
  while (!until(Date.now() - began)) await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(voterTimer);
  clearInterval(healthTimer);
  await Promise.all(inFlight);
  return result;
}

/** Reads a whole export, counting its bytes without keeping them. */
function readExport(url: string): Promise<{ status: number; bytes: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t0 }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const line = (label: string, l: Latencies) =>
  `${label.padEnd(7)} ` +
  (["battle", "vote", "health"] as const)
    .map((k) => `${k} p50 ${pct(l[k], 0.5).toFixed(1)} / p99 ${pct(l[k], 0.99).toFixed(1)} ms (${l[k].length})`)
    .join("  ") +
  `  failed ${l.failed}`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-stall-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const common = {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: path.join(dir, "media"),
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
    RATE_LIMIT_EXPORTS_PER_MINUTE: "1000",
    RATE_LIMIT_RANGE_FITS_PER_MINUTE: "1000",
  };
  // The votes come from a seeded template kept between runs (vote-template.ts): a copy, not a rewrite.
  const t0 = performance.now();
  await seededVoteDatabase(path.join(dir, "bench.db"), VOTES, common.MEDIA_DIR);
  console.log(`${VOTES} counted votes ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = createDb(databaseUrl);
  let quiet: Latencies | undefined;
  try {
    // Quiet: the recompute never comes due (one snapshot is made first, by the server's scheduler).
    let server = await startServer(PORT, {
      ...common,
      RECOMPUTE_AFTER_VOTES: "1000000000",
      RECOMPUTE_AFTER_SECONDS: "1000000000",
    });
    try {
      // The arena serves delivery renditions only, and the demo seed ships none yet: its files
      // stand in for their own renditions, as in the integration fixture (tests/integration/arena-fixture.ts).
      await db.$executeRawUnsafe('UPDATE "Clip" SET "renditionKey" = "storageKey" WHERE "renditionKey" IS NULL');
      quiet = await steadyVoters(server.baseUrl, (elapsed) => elapsed > PHASE_MS);
      console.log(line("quiet", quiet), `  load ${os.loadavg()[0]!.toFixed(2)}`);
    } finally {
      await server.stop();
    }

    // Loaded: the scheduler recomputes whenever a vote arrived (checked every second).
    // The quiet server's worker may still be finishing its first recompute's writes: try again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        server = await startServer(PORT, { ...common, RECOMPUTE_AFTER_VOTES: "1", RECOMPUTE_CHECK_SECONDS: "1" });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
    try {
      const snapshotsBefore = await db.ratingSnapshot.findFirst({ orderBy: { computedAt: "desc" } });
      const started = Date.now();
      const ranges = Array.from({ length: 20 }, (_, i) => {
        const from = new Date(Date.now() - (50 - i) * DAY_MS).toISOString().slice(0, 10);
        return request(`${server.baseUrl}/api/leaderboard?from=${from}`, "GET").then((r) => r.status);
      });
      const exports = Array.from({ length: 10 }, () => readExport(`${server.baseUrl}/api/export/votes?format=csv`));
      let heavyDone = false;
      const heavy = Promise.all([Promise.all(ranges), Promise.all(exports)]).then((r) => {
        heavyDone = true;
        return r;
      });
      let recomputed = false;
      const watch = setInterval(() => {
        void db.ratingSnapshot
          .findFirst({ orderBy: { computedAt: "desc" }, select: { id: true } })
          .then((s) => (recomputed ||= Boolean(s && s.id !== snapshotsBefore?.id)));
      }, 1000);
      const loaded = await steadyVoters(
        server.baseUrl,
        (elapsed) => elapsed > PHASE_MS && heavyDone && (recomputed || elapsed > 10 * PHASE_MS),
      );
      clearInterval(watch);
      const [rangeStatuses, exportResults] = await heavy;
      console.log(line("loaded", loaded), `  load ${os.loadavg()[0]!.toFixed(2)}`);
      const statusCounts = (statuses: number[]) => {
        const counts = new Map<number, number>();
        for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
        return [...counts].map(([status, n]) => `${n}× ${status}`).join(", ");
      };
      console.log(`  20 date ranges: ${statusCounts(rangeStatuses)}`);
      console.log(
        `  10 exports: ${statusCounts(exportResults.map((e) => e.status))}, ${(exportResults[0]!.bytes / 1e6).toFixed(1)} MB each, slowest ${(Math.max(...exportResults.map((e) => e.ms)) / 1000).toFixed(1)} s`,
      );
      const snapshots = await db.ratingSnapshot.count({ where: { computedAt: { gt: new Date(started) } } });
      console.log(`  recomputes finished during the run: ${snapshots}`);
      const [quietP99, loadedP99] = [pct(quiet.vote, 0.99), pct(loaded.vote, 0.99)];
      // No vote answered (battles refused): the target is not measured, never "met".
      const measured = quiet.vote.length > 0 && loaded.vote.length > 0;
      const met = measured && loadedP99 <= 2 * quietP99 && loadedP99 <= 250;
      console.log(
        `target (vote p99 ≤ 2× quiet and ≤ 250 ms): ${loadedP99.toFixed(1)} ms vs quiet ${quietP99.toFixed(1)} ms: ${!measured ? "NOT MEASURED (no vote was cast: see the battle failures)" : met ? "met" : "NOT met"}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
