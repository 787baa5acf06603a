// npm run bench:export [-- 100000 1000000] (run with NODE_OPTIONS=--expose-gc for steadier memory): rows per second and peak memory streaming the vote
// export in each format from SQLite (and PostgreSQL when reachable; BENCH_POSTGRES=0 skips
// it): heap plus buffers, and the process's peak RSS. SQLite databases are copies of the kept
// vote templates (vote-template.ts); PostgreSQL ones are filled straight. The export runs through
// the same handler the API route uses, encoded in this thread.
import os from "node:os";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createDb, type Db } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/prepare";
import { seedDemoIfEmpty } from "../../lib/demo/seed";
import { LocalMediaStore } from "../../lib/storage/local-media";
import { handleExportVotes } from "../../lib/http/export-api";
import { seededRandom } from "../../lib/random";
import { onScratchDatabases } from "./scratch-databases";
import { seededVoteDatabase } from "./vote-template";

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

async function fill(db: Db, total: number): Promise<void> {
  const random = seededRandom(1);
  const clips = await db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
  // Sizes grow in one database: the voters exist after the first size.
  if ((await db.voterSession.count()) === 0) {
    await db.voterSession.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ id: `bench-${i}` })) });
  }
  const have = await db.vote.count();
  for (let done = have; done < total; done += 5000) {
    const batch = Array.from({ length: Math.min(5000, total - done) }, (_, i) => {
      const left = clips[Math.floor(random() * clips.length)]!;
      const right = clips.find((c) => c.promptId === left.promptId && c.modelId !== left.modelId)!;
      return { id: `b${done + i}`, left, right, session: `bench-${(done + i) % 100}` };
    });
    await db.battle.createMany({
      data: batch.map((b) => ({
        id: b.id,
        token: b.id,
        promptId: b.left.promptId,
        leftClipId: b.left.id,
        rightClipId: b.right.id,
        voterSessionId: b.session,
        lang: "en" as const,
        expiresAt: new Date(),
      })),
    });
    await db.vote.createMany({
      data: batch.map((b, i) => ({
        battleId: b.id,
        kind: "anonymous" as const,
        promptId: b.left.promptId,
        leftModelId: b.left.modelId,
        rightModelId: b.right.modelId,
        voterSessionId: b.session,
        outcome: OUTCOMES[i % 4]!,
        decisionMs: 7000,
        createdAt: new Date(Date.UTC(2026, 0, 1) + done + i),
      })),
    });
  }
}

/** Streams one whole export and returns its size in bytes. */
async function exportAll(db: Db, format: string): Promise<number> {
  const response = await handleExportVotes(
    {
      db,
      secret: "bench-secret-bench-secret-bench-secret",
      limiter: new RateLimiterMemory({ points: 100, duration: 1 }),
      keyRequiredAboveRows: 0,
    },
    new Request(`http://localhost/api/export/votes?format=${format}`),
  );
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

/**
 * With --expose-gc, a second, untimed export that collects garbage before every sample: the
 * memory the export really holds, which the timed run's figure overstates by whatever garbage V8
 * had not collected yet.
 */
async function liveGrowth(db: Db, format: string): Promise<string> {
  const gc = global.gc;
  if (!gc) return "";
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  gc();
  const baseline = used();
  let peak = baseline;
  const sampler = setInterval(() => {
    gc();
    peak = Math.max(peak, used());
  }, 100);
  await exportAll(db, format);
  clearInterval(sampler);
  return `, live +${((peak - baseline) / 1e6) | 0} MB`;
}

async function measure(label: string, openDb: (size: number) => Promise<Db>): Promise<void> {
  for (const size of SIZES.length ? SIZES : [100_000, 1_000_000]) {
    const db = await openDb(size);
    // A live PostgreSQL has planner statistics from autovacuum (a local one may run with it off);
    // without them it sorts every remaining vote for each page instead of walking the index.
    if (label === "postgresql") await db.$executeRawUnsafe("ANALYZE");
    for (const format of ["csv", "jsonl", "parquet"] as const) {
      global.gc?.();
      // Heap plus buffers: what the export itself holds (RSS keeps whatever filling the database took).
      const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const baseline = used();
      let peak = baseline;
      // The process's resident set: what the issue measured on the server (heap, buffers, code and
      // whatever the database driver holds).
      const rssBefore = process.memoryUsage.rss();
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        peak = Math.max(peak, used());
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      }, 10);
      const started = performance.now();
      const bytes = await exportAll(db, format);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      console.log(
        `${label.padEnd(10)} ${String(size).padStart(8)} votes  ${format.padEnd(7)} ${Math.round(size / seconds)
          .toLocaleString("en")
          .padStart(
            9,
          )} rows/s  ${(bytes / 1e6).toFixed(0).padStart(4)} MB  peak heap+buffers ${(peak / 1e6) | 0} MB (+${((peak - baseline) / 1e6) | 0} MB over idle), RSS ${(rssBefore / 1e6) | 0} → peak ${(rssPeak / 1e6) | 0} MB${await liveGrowth(db, format)}  load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
}

async function main(): Promise<void> {
  await onScratchDatabases(async (engine, url, dir) => {
    if (engine === "sqlite") {
      // SQLite: a copy of the kept template of each size (vote-template.ts), not a slow refill.
      let db: Db | undefined;
      await measure(engine, async (size) => {
        await db?.$disconnect();
        const file = path.join(dir, `export-${size}.db`);
        await seededVoteDatabase(file, size);
        return (db = createDb(`file:${file}`));
      });
      await db?.$disconnect();
      return;
    }
    await migrateDatabase(url, () => {});
    const db = createDb(url);
    await seedDemoIfEmpty(db, new LocalMediaStore(path.join(dir, `media-${engine}`)));
    await measure(engine, async (size) => {
      await fill(db, size);
      return db;
    });
    await db.$disconnect();
  });
}

await main();
