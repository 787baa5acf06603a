import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import type { Db } from "../db/client";
import { acquireLease, releaseLease } from "../db/lease";
import { ApiError } from "../errors";
import { computeBradleyTerry, PairCellAccumulator } from "../ratings";
import { readVoteFile, type VoteFileProblem } from "../ratings/vote-file";
import { ENCODERS } from "./encoders";
import { readExportRows } from "./read-votes";
import { isCountedVoteRow } from "../counted-vote";
import { publicRatingNumbers } from "../leaderboard/public-rating-row";

const FORMATS = ["csv", "jsonl", "parquet"] as const;

export const releaseManifestSchema = z.object({
  release: z.number().int().positive(),
  createdAt: z.string(),
  licence: z.literal("CC BY 4.0"),
  rows: z.object({ total: z.number().int(), counted: z.number().int() }),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string() })),
  ratingParams: z.object({
    method: z.literal("bt"),
    bootstrap: z.number().int(),
    seed: z.number().int(),
    counted: z.string(),
  }),
  leaderboards: z.record(
    z.string(),
    z.array(
      z.object({
        model: z.string(),
        rating: z.number(),
        ciLow: z.number().nullable(),
        ciHigh: z.number().nullable(),
        group: z.number(),
        rank: z.number(),
        votes: z.number(),
        winRate: z.number(),
      }),
    ),
  ),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** The `v<number>` folders in a release folder, published or not. */
function releaseFolders(dir: string): { name: string; release: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^v\d+$/.test(name))
    .map((name) => ({ name, release: Number(name.slice(1)) }));
}

/** A folder's manifest, or null when it has none, or one that is not JSON or not a manifest. */
function readManifest(folder: string): ReleaseManifest | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, "manifest.json"), "utf8");
  } catch {
    return null; // a folder copied by hand, or a file where a folder should be
  }
  try {
    const parsed = releaseManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Published releases in a folder, newest first. A `v<number>` folder without a readable, valid
 * manifest.json (an interrupted copy, a file in its place) is skipped, never an error.
 */
export function listReleases(dir: string): ReleaseManifest[] {
  return releaseFolders(dir)
    .flatMap(({ name }) => readManifest(path.join(dir, name)) ?? [])
    .sort((a, b) => b.release - a.release);
}

/** The lease that keeps release numbering to one writer across app instances and the CLI. */
const RELEASE_LEASE = "dataset-release";
/** Longer than the largest release takes to write; a crashed writer's lease runs out after it. */
const RELEASE_LEASE_MS = 30 * 60 * 1000;

/**
 * Freezes the next numbered release: every vote (flagged ones marked) in CSV, JSONL and Parquet,
 * with a fresh judge salt so voters cannot be linked across releases, and a manifest holding
 * each file's SHA-256, the rating parameters and the leaderboards computed from exactly the
 * release's CSV (read back the way `npm run ratings` reads it). Written to a temporary folder and
 * renamed into place, so a release is either complete or absent, and never rewritten. One
 * release is written at a time, whichever instance asks: another ask meanwhile is refused (409).
 */
export async function createRelease(
  db: Db,
  dir: string,
  params = { bootstrap: 1000, seed: 42 },
): Promise<ReleaseManifest> {
  const holder = randomBytes(9).toString("hex");
  if (!(await acquireLease(db, RELEASE_LEASE, holder, RELEASE_LEASE_MS))) {
    throw new ApiError(409, "release_in_progress", "Another release is being frozen; try again once it is published.");
  }
  try {
    return await writeRelease(db, dir, params);
  } finally {
    await releaseLease(db, RELEASE_LEASE, holder);
  }
}

async function writeRelease(
  db: Db,
  dir: string,
  params: { bootstrap: number; seed: number },
): Promise<ReleaseManifest> {
  fs.mkdirSync(dir, { recursive: true });
  // Past every v<number> folder, published or not, so a stray folder never blocks the rename.
  const release = Math.max(0, ...releaseFolders(dir).map((folder) => folder.release)) + 1;
  const target = path.join(dir, `v${release}`);
  const staging = fs.mkdtempSync(path.join(dir, `.staging-v${release}-`));
  const judgeSalt = randomBytes(32).toString("hex");
  try {
    const files: ReleaseManifest["files"] = [];
    for (const format of FORMATS) {
      const name = `votes.${format}`;
      const file = path.join(staging, name);
      const chunks = ENCODERS[format].encode(readExportRows(db, { includeFlagged: true }, judgeSalt));
      await pipeline(Readable.from(chunks), fs.createWriteStream(file));
      files.push({ name, bytes: fs.statSync(file).size, sha256: await sha256(file) });
    }

    const problems: VoteFileProblem[] = [];
    const overall = new PairCellAccumulator();
    const byCategory = new Map<string, PairCellAccumulator>();
    let total = 0;
    let counted = 0;
    for await (const vote of readVoteFile(path.join(staging, "votes.csv"), problems)) {
      total += 1;
      if (!isCountedVoteRow(vote)) continue;
      counted += 1;
      overall.add(vote);
      for (const category of vote.categories) {
        const cells = byCategory.get(category) ?? new PairCellAccumulator();
        cells.add(vote);
        byCategory.set(category, cells);
      }
    }
    if (problems.length > 0)
      throw new Error(`the release's own CSV did not read back: line ${problems[0]?.line}: ${problems[0]?.message}`);
    const rate = (cells: PairCellAccumulator) =>
      computeBradleyTerry(cells.toCells(), params).rows.map((row) => ({
        model: row.model,
        ...publicRatingNumbers(row),
      }));
    const manifest: ReleaseManifest = {
      release,
      createdAt: new Date().toISOString(),
      licence: "CC BY 4.0",
      rows: { total, counted },
      files,
      ratingParams: { method: "bt", ...params, counted: "battle_kind = anonymous and flagged = false" },
      leaderboards: {
        overall: rate(overall),
        ...Object.fromEntries([...byCategory].map(([category, cells]) => [category, rate(cells)])),
      },
    };
    fs.writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const name of [...files.map((f) => f.name), "manifest.json"]) fs.chmodSync(path.join(staging, name), 0o444);
    fs.renameSync(staging, target);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
