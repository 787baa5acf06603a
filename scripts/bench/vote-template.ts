import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/prepare";
import { seedDemoIfEmpty } from "../../lib/demo/seed";
import { LocalMediaStore } from "../../lib/storage/local-media";
import { insertCountedVotes } from "./counted-votes";

/** Where seeded vote databases are kept between runs (BENCH_VOTES_DIR, default the temp dir). */
const TEMPLATE_DIR = process.env.BENCH_VOTES_DIR ?? os.tmpdir();

/**
 * A fresh SQLite file at `target` holding the demo seed and `votes` counted votes
 * (insertCountedVotes): copied from a template kept in BENCH_VOTES_DIR, which is seeded on first
 * use only (a million votes take minutes to write), so every run starts from the same votes.
 * With `mediaDir`, the seed's media files (kept beside the template: their keys are random, so
 * only these match the copy) are copied there too.
 */
export async function seededVoteDatabase(target: string, votes: number, mediaDir?: string): Promise<void> {
  const template = path.join(TEMPLATE_DIR, `clip-arena-bench-votes-${votes}.db`);
  const templateMedia = `${template}.media`;
  if (!fs.existsSync(template)) {
    const work = fs.mkdtempSync(path.join(TEMPLATE_DIR, "clip-arena-bench-seed-"));
    try {
      const file = path.join(work, "seed.db");
      const url = `file:${file}`;
      await migrateDatabase(url, () => {});
      const db = createDb(url);
      await seedDemoIfEmpty(db, new LocalMediaStore(path.join(work, "media")));
      await insertCountedVotes(db, votes);
      // One file, no write-ahead log beside it, so a plain copy is the whole database.
      await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      await db.$disconnect();
      // Media left by a run stopped between these two renames belong to no template: replace them.
      fs.rmSync(templateMedia, { recursive: true, force: true });
      fs.renameSync(path.join(work, "media"), templateMedia);
      fs.renameSync(file, template);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  fs.copyFileSync(template, target);
  if (mediaDir) fs.cpSync(templateMedia, mediaDir, { recursive: true });
}
