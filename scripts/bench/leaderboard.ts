// npm run bench:leaderboard: requests per second and p50/p99 for GET /api/leaderboard and the
// /leaderboard page, against the production build on SQLite with a published snapshot.
// Needs `npm run build` first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { seededRandom } from "../../lib/random";
import { type LoadFigures, median, request, runLoad } from "./load";
import { startServer } from "./server";

const ROUNDS = 3;
const CONCURRENCY = 16;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

/** Counted votes written straight to the database (the arena bench measures the vote path). */
async function insertCountedVotes(databaseUrl: string, count: number): Promise<void> {
  const db = createDb(databaseUrl);
  const random = seededRandom(1);
  const clips = await db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
  const session = await db.voterSession.create({ data: { id: "bench-voter" } });
  for (let done = 0; done < count; done += 500) {
    const battles = Array.from({ length: Math.min(500, count - done) }, (_, i) => {
      const left = clips[Math.floor(random() * clips.length)]!;
      const candidates = clips.filter((c) => c.promptId === left.promptId && c.modelId !== left.modelId);
      const right = candidates[Math.floor(random() * candidates.length)]!;
      return {
        id: `bench-${done + i}`,
        token: `bench-${done + i}`,
        promptId: left.promptId,
        leftClipId: left.id,
        rightClipId: right.id,
        left,
        right,
      };
    });
    await db.battle.createMany({
      data: battles.map(({ left: _l, right: _r, ...b }) => ({
        ...b,
        voterSessionId: session.id,
        lang: "en" as const,
        expiresAt: new Date(),
      })),
    });
    await db.vote.createMany({
      data: battles.map((b) => ({
        battleId: b.id,
        kind: "anonymous" as const,
        promptId: b.promptId,
        leftModelId: b.left.modelId,
        rightModelId: b.right.modelId,
        voterSessionId: session.id,
        outcome: OUTCOMES[Math.floor(random() * 4)]!,
        decisionMs: 8000,
      })),
    });
  }
  await db.$disconnect();
}

function report(label: string, runs: LoadFigures[], each: number): void {
  const m = (pick: (r: LoadFigures) => number, digits: number) => median(runs.map(pick)).toFixed(digits);
  console.log(
    `${label.padEnd(34)} ${m((r) => r.perSecond, 0).padStart(6)}/s  p50 ${m((r) => r.p50Ms, 1)} ms  p99 ${m((r) => r.p99Ms, 1)} ms  errors ${runs.reduce((n, r) => n + r.errors, 0)}  (median of ${runs.length} × ${each}, ${CONCURRENCY} in flight)`,
  );
}

/** A date range nobody asked for yet is fitted on the request: time a series of distinct ones. */
async function measureColdRanges(baseUrl: string): Promise<void> {
  const times: number[] = [];
  for (let day = 1; day <= 20; day += 1) {
    const t0 = performance.now();
    const response = await request(`${baseUrl}/api/leaderboard?from=2020-01-${String(day).padStart(2, "0")}`, "GET");
    if (response.status !== 200) throw new Error(`range request failed: ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${"first request for a new date range".padEnd(34)} median ${median(times).toFixed(0)} ms  max ${times[times.length - 1]!.toFixed(0)} ms  (20 distinct ranges, one at a time)`,
  );
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-lb-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const server = await startServer(3201, {
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: path.join(dir, "media"),
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
    RECOMPUTE_AFTER_VOTES: "1",
    RECOMPUTE_CHECK_SECONDS: "1",
  });
  try {
    await insertCountedVotes(databaseUrl, 5000);
    // Wait for the background recompute to publish them.
    for (let tries = 0; tries < 60; tries += 1) {
      const board = JSON.parse((await request(`${server.baseUrl}/api/leaderboard`, "GET")).body) as { votes: number };
      if (board.votes === 5000) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    const targets = [
      ["GET /api/leaderboard", "/api/leaderboard", 5000],
      ["GET /api/leaderboard?category=dance", "/api/leaderboard?category=dance&method=elo", 5000],
      ["GET /leaderboard (page)", "/leaderboard", 1000],
      ["GET /api/leaderboard?from=&to= (fitted)", "/api/leaderboard?from=2020-01-01&to=2100-01-01", 5000],
    ] as const;
    for (const [label, url, each] of targets) {
      const runs: LoadFigures[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        runs.push(
          await runLoad(
            each,
            CONCURRENCY,
            async () => (await request(`${server.baseUrl}${url}`, "GET")).status === 200,
          ),
        );
      }
      report(label, runs, each);
    }
    await measureColdRanges(server.baseUrl);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
