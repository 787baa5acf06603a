import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { explainPendingMigrations } from "@/lib/db/applied-migrations";
import { createDb } from "@/lib/db/client";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";

// docs/deployment.md's SQLite backup and restore, step by step: an online `.backup` with Debian's
// sqlite3 while the app's client is open and writing, then the restore as a copied file.
const haveSqlite3 = spawnSync("sqlite3", ["-version"], { stdio: "ignore" }).status === 0;
if (!haveSqlite3 && process.env.CI === "true") throw new Error("sqlite3 is required on CI (apt-get install sqlite3)");
if (!haveSqlite3) console.warn("sqlite3 not found: skipping the SQLite backup test (apt-get install sqlite3)");

describe.skipIf(!haveSqlite3)("SQLite backup and restore as docs/deployment.md says", () => {
  let f: ArenaFixture;
  let dir: string;
  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-backup-"));
    const random = seededRandom(3);
    for (let i = 0; i < 5; i += 1)
      await voteAsNewVoter(f, { id: `backup-${i}`, servedAt: new Date(), random }, () => ({ outcome: "left" }));
  });
  afterAll(async () => {
    await f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("an online .backup taken while the app writes restores to a database with every acknowledged vote", async () => {
    const live = f.url.replace(/^file:/, "");
    const backup = path.join(dir, "clip-arena-backup.db");
    // A write in flight while the backup runs: the backup holds a consistent snapshot either way.
    const writing = voteAsNewVoter(f, { id: "during", servedAt: new Date(), random: seededRandom(9) }, () => ({
      outcome: "right",
    }));
    execFileSync("sqlite3", [live, `.backup '${backup}'`]);
    await writing;
    expect(execFileSync("sqlite3", [backup, "PRAGMA integrity_check;"], { encoding: "utf8" }).trim()).toBe("ok");

    // Restore: the app stopped, the file copied to DATABASE_URL's path (no -wal/-shm beside it).
    const restoredPath = path.join(dir, "restored", "clip-arena.db");
    fs.mkdirSync(path.dirname(restoredPath));
    fs.copyFileSync(backup, restoredPath);
    const restoredUrl = `file:${restoredPath}`;
    expect(await explainPendingMigrations(restoredUrl)).toBeNull();
    const restored = createDb(restoredUrl);
    try {
      const votes = await restored.vote.count();
      expect(votes === 5 || votes === 6).toBe(true);
      expect(await restored.clip.count()).toBe(await f.db.clip.count());
      expect(await restored.model.count()).toBe(await f.db.model.count());
      // Votes written before the backup started are all there.
      const ids = (await restored.voterSession.findMany({ select: { id: true } })).map((s) => s.id);
      for (let i = 0; i < 5; i += 1) expect(ids).toContain(`backup-${i}`);
    } finally {
      await restored.$disconnect();
    }
  });
});
