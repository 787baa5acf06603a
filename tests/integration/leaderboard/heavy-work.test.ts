import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ENCODERS } from "@/lib/export/encoders";
import { exportQuerySchema } from "@/lib/export/export-query";
import { readExportRows } from "@/lib/export/read-votes";
import { HeavyWork } from "@/lib/http/heavy-work";
import { fitRangeView } from "@/lib/leaderboard/date-range-view";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { leaderboardQuerySchema } from "@/lib/leaderboard/leaderboard-query";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 42, includeFlagged: false, burstVotesPerMinute: 1e6 };
const START = Date.parse("2026-10-01T12:00:00Z");
const DAY = 24 * 3600 * 1000;

async function drain(chunks: AsyncIterator<Uint8Array, undefined>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) parts.push(Buffer.from(next.value));
  return Buffer.concat(parts);
}

// The worker threads run lib/http/heavy-worker.ts from source through tsx, as under `next dev`.
describe.each(testEngines)("heavy work in worker threads on %s", (engine) => {
  let f: ArenaFixture;
  let heavy: HeavyWork;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    const random = seededRandom(11);
    for (let n = 0; n < 40; n += 1)
      await voteAsNewVoter(f, { id: `voter-${n}`, servedAt: new Date(START + n * DAY), random }, () => ({
        outcome: (["left", "right", "tie"] as const)[n % 3]!,
      }));
    heavy = new HeavyWork(f.url, { threads: 2, production: false });
  }, 120_000);
  afterAll(async () => {
    await heavy.close();
    await f.close();
  });

  test.skipIf(process.platform !== "linux")(
    "the workers run at the lowest priority, this thread at its own (a nice value per thread on Linux)",
    async () => {
      await heavy.fullTally(Date.now());
      // /proc/self/task/<tid>/stat: the 19th field is the thread's nice value (proc(5)).
      const nices = fs
        .readdirSync("/proc/self/task")
        .map((tid) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]));
      expect(nices).toContain(os.constants.priority.PRIORITY_LOW);
      expect(os.getPriority()).toBe(os.constants.priority.PRIORITY_NORMAL);
    },
  );

  test(
    "a recompute in a worker writes the snapshot the same recompute writes in this thread",
    { timeout: 120_000 },
    async () => {
      const id = await heavy.recompute(PARAMS);
      expect(id).toEqual(expect.any(String));
      const fromWorker = await readLatestSnapshot(f.db, null);
      expect(fromWorker?.id).toBe(id);
      const inThread = await recomputeLeaderboard(f.db, PARAMS);
      const here = await readLatestSnapshot(f.db, null);
      expect(here?.id).toBe(inThread);
      expect(here?.data.views).toEqual(fromWorker?.data.views);
      // Not due: no new vote since, and the thresholds are far off.
      expect(await heavy.recompute(PARAMS, { afterVotes: 1000, afterSeconds: 3600 })).toBeNull();
    },
  );

  test("a date range fitted in a worker equals the fit in this thread", { timeout: 120_000 }, async () => {
    const snapshot = (await readLatestSnapshot(f.db, null))!;
    const query = leaderboardQuerySchema.parse({ from: "2026-10-05", to: "2026-10-30" });
    const [inWorker, here] = await Promise.all([
      heavy.fitRangeView(f.db, snapshot, query),
      fitRangeView(f.db, snapshot, query),
    ]);
    expect(inWorker.votes).toBeGreaterThan(0);
    expect(inWorker.votes).toBeLessThan(40);
    expect(inWorker).toEqual(here);
  });

  test.each(["csv", "jsonl", "parquet"] as const)(
    "a %s export encoded in a worker is byte for byte the one encoded here",
    { timeout: 120_000 },
    async (format) => {
      const query = exportQuerySchema.parse({ format });
      const inWorker = await drain(await heavy.exportVotes(query, "salt"));
      const here = await drain(ENCODERS[format].encode(readExportRows(f.db, query, "salt")));
      expect(inWorker.length).toBeGreaterThan(100);
      expect(inWorker.equals(here)).toBe(true);
    },
  );

  test("exports cancelled before or after their first chunk give their slots back", { timeout: 120_000 }, async () => {
    const query = exportQuerySchema.parse({ format: "csv" });
    // Twice the gate's running + waiting room: a lost slot would make the later ones answer 503.
    for (let round = 0; round < 3; round += 1) {
      const streams = await Promise.all(Array.from({ length: 4 }, () => heavy.exportVotes(query, "salt")));
      await Promise.all(
        streams.map(async (chunks, i) => {
          if (i % 2 === 0) await chunks.next();
          await chunks.return?.(undefined);
        }),
      );
    }
    const complete = await drain(await heavy.exportVotes(query, "salt"));
    expect(complete.toString("utf8").trim().split("\n")).toHaveLength(41);
  });
});
