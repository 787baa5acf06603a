import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyPendingMigrations, listMigrations } from "@/lib/db/migrations";
import { parseDatabaseUrl } from "@/lib/db/url";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { LocalMediaStore } from "@/lib/storage/local-media";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

describe.each(testEngines)("database on %s", (engine) => {
  let t: TestDatabase;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-media-"));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.drop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test("a second migration run applies nothing and the history matches the folder", async () => {
    expect(await applyPendingMigrations(parseDatabaseUrl(t.url))).toEqual([]);
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrations(engine).migrationDirectories.map((d) => d.path));
  });

  test("seeding fills an empty database once and leaves it alone after", async () => {
    const summary = await seedDemoIfEmpty(t.db, new LocalMediaStore(mediaDir));
    expect(summary).toEqual({ models: 6, prompts: 7, clips: 42 });
    expect(await seedDemoIfEmpty(t.db, new LocalMediaStore(mediaDir))).toBeNull();
    expect(await t.db.clip.count()).toBe(42);

    const categories = await t.db.category.findMany({ orderBy: { slug: "asc" } });
    expect(categories.map((c) => c.slug)).toEqual(["action", "dance", "lighting", "physics"]);
    // Every prompt has one clip per model, and every stored file exists.
    const clips = await t.db.clip.findMany();
    const perPrompt = new Map<string, Set<string>>();
    for (const clip of clips) {
      perPrompt.set(clip.promptId, (perPrompt.get(clip.promptId) ?? new Set()).add(clip.modelId));
      expect(fs.existsSync(path.join(mediaDir, clip.storageKey))).toBe(true);
      expect(clip.durationMs).toBeGreaterThan(1000);
      expect(clip.placeholder).toBe(true);
      // Demo clips ship as renditions: servable without ffmpeg, one file both original and rendition.
      expect(clip).toMatchObject({
        renditionKey: clip.storageKey,
        mimeType: "video/mp4",
        frameRate: 24,
        hasAudio: false,
      });
    }
    expect([...perPrompt.values()].map((models) => models.size)).toEqual(Array(7).fill(6));
  });

  test.runIf(engine === "sqlite")("SQLite syncs every commit to disk (synchronous = FULL)", async () => {
    const [row] = await t.db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    expect(Number(row?.synchronous)).toBe(2);
  });

  test("a write made while another request's transaction is open survives that transaction's rollback", async () => {
    let inTransaction!: () => void;
    const opened = new Promise<void>((resolve) => (inTransaction = resolve));
    const rolledBack = t.db
      .$transaction(async (tx) => {
        await tx.category.create({ data: { slug: "undone", nameEn: "Undone", nameZh: "撤销" } });
        inTransaction();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("validation failed");
      })
      .catch((error: Error) => error.message);
    await opened;
    await t.db.category.create({ data: { slug: "acknowledged", nameEn: "Kept", nameZh: "保留" } });

    expect(await rolledBack).toBe("validation failed");
    const slugs = (await t.db.category.findMany({ select: { slug: true } })).map((c) => c.slug);
    expect(slugs).toContain("acknowledged");
    expect(slugs).not.toContain("undone");
  });

  test("concurrent transactions and plain writes all complete, each transaction whole", async () => {
    const before = await t.db.category.count();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? t.db.$transaction(async (tx) => {
              await tx.category.create({ data: { slug: `tx-${i}-a`, nameEn: "a", nameZh: "a" } });
              await tx.category.create({ data: { slug: `tx-${i}-b`, nameEn: "b", nameZh: "b" } });
            })
          : t.db.category.create({ data: { slug: `plain-${i}`, nameEn: "p", nameZh: "p" } }),
      ),
    );
    expect((await t.db.category.count()) - before).toBe(15);
  });

  test("a database with a migration this checkout lacks is refused with one clear line", async () => {
    await t.db.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'x', '29991231000000_from_the_future', CURRENT_TIMESTAMP, 1)`,
    );
    await expect(applyPendingMigrations(parseDatabaseUrl(t.url))).rejects.toThrow(
      /migrations missing from .*: 29991231000000_from_the_future$/,
    );
  });
});
