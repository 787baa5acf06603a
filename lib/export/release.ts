import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import type { Db } from "../db/client";
import { acquireLease, releaseLease } from "../db/lease";
import type { MediaStore } from "../storage/media-store";
import { DomainError, isUniqueViolation } from "../errors";
import { computeBradleyTerry, PairCellAccumulator } from "../ratings";
import { readVoteFile, type VoteFileProblem } from "../ratings/io/vote-file";
import { ClusterCellAccumulator, DEFAULT_CLUSTER } from "../ratings/cluster-resample";
import type { FileQuadRow } from "../ratings/quad-row";
import { addGroupedVote, GroupedVoteAccumulator, rankBreakQuad } from "../ratings/rank-breaking";
import { ENCODERS } from "./encoders";
import { readExportRows } from "./read-votes";
import { isCountedVoteRow } from "../counted-vote";
import { checkAccuracyResponseSchema, type CheckRule, computeCheckView } from "../leaderboard/check-view";
import { publicRatingNumbers } from "../leaderboard/public-rating-row";
import { priceTableOf, readFactsInForce } from "../leaderboard/model-facts";
import { readLatestSnapshot } from "../leaderboard/latest-snapshot";
import { formatPriceTable, type PriceRow } from "../ratings/price-table";

const FORMATS = ["csv", "jsonl", "parquet"] as const;

export const releaseManifestSchema = z.object({
  release: z.number().int().positive(),
  createdAt: z.string(),
  licence: z.literal("CC BY 4.0"),
  rows: z.object({ total: z.number().int(), counted: z.number().int() }),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string() })),
  ratingParams: z.object({
    method: z.literal("bt"),
    /** Davidson's tie model since issue 27; absent in releases fitted with ties as half a win. */
    ties: z.literal("davidson").optional(),
    /**
     * What the intervals' bootstrap resampled: whole voters (`judge`; single votes with fewer than
     * 30, as the board does). Absent in releases that resampled single votes.
     */
    cluster: z.literal("voter").optional(),
    bootstrap: z.number().int(),
    seed: z.number().int(),
    counted: z.string(),
  }),
  /**
   * The crowd's accuracy on check battles at the freeze (lib/leaderboard/check-view.ts): the
   * check votes themselves are never in the vote files. Absent from releases made before checks.
   */
  checks: checkAccuracyResponseSchema.omit({ computedAt: true }).optional(),
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
        // Releases cut before statistical tiers have no such column.
        tier: z.number().nullable().optional(),
        votes: z.number(),
        winRate: z.number(),
        // Releases cut before the provisional rule have no such column.
        provisional: z.boolean().optional(),
      }),
    ),
  ),
  /**
   * The price table the release's cost columns are computed with (issue 34; lib/ratings/price-table.ts),
   * also served as prices.csv: facts in force when it was frozen, clip lengths from the newest
   * leaderboard snapshot. Absent from releases frozen before prices existed.
   */
  prices: z
    .array(
      z.object({
        model: z.string(),
        category: z.string(),
        pricePerSecond: z.object({ value: z.number(), date: z.string(), sourceUrl: z.string() }).nullable(),
        generationSeconds: z.object({ value: z.number(), date: z.string(), sourceUrl: z.string() }).nullable(),
        clipSeconds: z.number().nullable(),
      }),
    )
    .optional(),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

/** The three vote files of a release, their media-store key column and store extension. */
const FILE_COLUMNS = {
  "votes.csv": { column: "csvKey", extension: "csv", type: "text/csv; charset=utf-8" },
  "votes.jsonl": { column: "jsonlKey", extension: "jsonl", type: "application/x-ndjson; charset=utf-8" },
  "votes.parquet": { column: "parquetKey", extension: "parquet", type: "application/vnd.apache.parquet" },
} as const;
export type ReleaseVoteFile = keyof typeof FILE_COLUMNS;

/**
 * Published releases, newest first, read from the database, so every app instance lists the
 * same ones. A row whose manifest no longer parses is skipped.
 */
export async function listReleases(db: Db): Promise<ReleaseManifest[]> {
  const rows = await db.datasetRelease.findMany({
    where: { publishedAt: { not: null } },
    orderBy: { number: "desc" },
    select: { manifest: true },
  });
  return rows.flatMap((row) => {
    const parsed = releaseManifestSchema.safeParse(JSON.parse(row.manifest ?? "null"));
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Where a published release's file is: `{ manifest }` gives manifest.json's (or prices.csv's, from
 * the manifest's price table) exact text, `{ key }` a vote file's media-store key. Null when
 * release `number` is not published, or for prices.csv of a release frozen before prices existed.
 */
export async function findReleaseFile(
  db: Db,
  number: number,
  file: ReleaseVoteFile | "manifest.json" | "prices.csv",
): Promise<{ manifest: string } | { key: string } | null> {
  const row = await db.datasetRelease.findFirst({ where: { number, publishedAt: { not: null } } });
  if (!row?.manifest) return null;
  if (file === "manifest.json") return { manifest: row.manifest };
  if (file === "prices.csv") {
    const prices = releaseManifestSchema.safeParse(JSON.parse(row.manifest)).data?.prices;
    return prices ? { manifest: formatPriceTable(prices) } : null;
  }
  const key = row[FILE_COLUMNS[file].column];
  return key ? { key } : null;
}

/** The lease that keeps release numbering to one writer across app instances and the CLI. */
const RELEASE_LEASE = "dataset-release";
/** Longer than the largest release takes to write; a crashed writer's lease runs out after it. */
const RELEASE_LEASE_MS = 30 * 60 * 1000;

const inProgress = () =>
  new DomainError("release_in_progress", "Another release is being frozen; try again once it is published.");

/**
 * Freezes the next numbered release: every vote (flagged ones marked) in CSV, JSONL and Parquet,
 * with a fresh judge salt so voters cannot be linked across releases, and a manifest holding
 * each file's SHA-256, the rating parameters and the leaderboards computed from exactly the
 * release's CSV (read back the way `npm run ratings` reads it), and the crowd's accuracy on check
 * battles (`checks`; check votes are never in the files).
 *
 * Releases live where every instance sees them: the number is decided by the database (a row
 * keyed by it, taken inside the "dataset-release" lease, so one release is written at a time
 * whichever instance asks; another ask meanwhile is a 409 `release_in_progress`), the files go to
 * the media store (local disk or S3) and the manifest into the row. The files are staged in
 * `stagingDir` (default the OS temporary folder) and removed from it afterwards. The row is
 * published only once every file is stored, so a release is either complete or absent, and a
 * published one is never rewritten.
 */
export async function createRelease(
  db: Db,
  store: MediaStore,
  params: { bootstrap: number; seed: number; checkRule?: CheckRule } = { bootstrap: 1000, seed: 42 },
  stagingDir = os.tmpdir(),
): Promise<ReleaseManifest> {
  const holder = randomBytes(9).toString("hex");
  if (!(await acquireLease(db, RELEASE_LEASE, holder, RELEASE_LEASE_MS))) throw inProgress();
  try {
    const release = await reserveNumber(db, store);
    const stored: string[] = [];
    try {
      const { checkRule, ...ratingParams } = params;
      return await writeRelease(db, store, release, ratingParams, stagingDir, stored, checkRule);
    } catch (error) {
      await Promise.all(stored.map((key) => store.remove(key)));
      await db.datasetRelease.deleteMany({ where: { number: release, publishedAt: null } });
      throw error;
    }
  } finally {
    await releaseLease(db, RELEASE_LEASE, holder);
  }
}

/**
 * Takes the next release number in the database. Unpublished rows left by a writer that crashed
 * (its lease ran out; this caller holds it now) are cleared first, with any files they stored.
 */
async function reserveNumber(db: Db, store: MediaStore): Promise<number> {
  const stale = await db.datasetRelease.findMany({ where: { publishedAt: null } });
  for (const row of stale) {
    for (const key of [row.csvKey, row.jsonlKey, row.parquetKey]) if (key) await store.remove(key);
    await db.datasetRelease.deleteMany({ where: { number: row.number, publishedAt: null } });
  }
  const newest = await db.datasetRelease.aggregate({ _max: { number: true } });
  const number = (newest._max.number ?? 0) + 1;
  try {
    await db.datasetRelease.create({ data: { number } });
  } catch (error) {
    // Another writer took this number (only possible when its lease ran out mid-write).
    if (isUniqueViolation(error)) throw inProgress();
    throw error;
  }
  return number;
}

async function writeRelease(
  db: Db,
  store: MediaStore,
  release: number,
  params: { bootstrap: number; seed: number },
  stagingDir: string,
  stored: string[],
  checkRule?: CheckRule,
): Promise<ReleaseManifest> {
  fs.mkdirSync(stagingDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(stagingDir, `clip-arena-release-v${release}-`));
  const judgeSalt = randomBytes(32).toString("hex");
  try {
    const files: ReleaseManifest["files"] = [];
    const keys: Partial<Record<ReleaseVoteFile, string>> = {};
    for (const format of FORMATS) {
      const name = `votes.${format}` as const;
      const file = path.join(staging, name);
      const chunks = ENCODERS[format].encode(readExportRows(db, { includeFlagged: true }, judgeSalt));
      await pipeline(Readable.from(chunks), fs.createWriteStream(file));
      files.push({ name, bytes: fs.statSync(file).size, sha256: await sha256(file) });
    }

    const problems: VoteFileProblem[] = [];
    // Each board's votes, and the same votes by voter (`judge`): the published unit, DEFAULT_CLUSTER;
    // quad votes as their rank-breaking pairs, each quad one unit, as the board counts them.
    const board = () => ({
      cells: new PairCellAccumulator(),
      voters: new ClusterCellAccumulator(),
      quads: new GroupedVoteAccumulator(),
    });
    const overall = board();
    const byCategory = new Map<string, ReturnType<typeof board>>();
    const boardsOf = (categories: readonly string[]) =>
      ["", ...categories].map((category) => {
        if (!category) return overall;
        const votes = byCategory.get(category) ?? board();
        byCategory.set(category, votes);
        return votes;
      });
    let total = 0;
    let counted = 0;
    const onQuad = (row: FileQuadRow) => {
      total += 1;
      // The release's own file holds quad rows only (no quad_pair expansion).
      if (row.kind !== "quad" || !isCountedVoteRow(row)) return;
      counted += 1;
      const pairs = rankBreakQuad(row.quad);
      for (const votes of boardsOf(row.categories))
        addGroupedVote(pairs, {
          cells: votes.cells,
          grouped: votes.quads,
          cluster: votes.voters.cluster(row.judge ?? ""),
        });
    };
    const file = path.join(staging, "votes.csv");
    for await (const vote of readVoteFile(file, problems, { clusterKeys: true, onQuad })) {
      total += 1;
      if (!isCountedVoteRow(vote)) continue;
      counted += 1;
      for (const votes of boardsOf(vote.categories)) {
        votes.cells.add(vote);
        votes.voters.add(vote.judge ?? "", vote);
      }
    }
    if (problems.length > 0)
      throw new Error(`the release's own CSV did not read back: line ${problems[0]?.line}: ${problems[0]?.message}`);
    const rate = ({ cells, voters, quads }: ReturnType<typeof board>) =>
      computeBradleyTerry(cells.toCells(), {
        ...params,
        clusters: { unit: DEFAULT_CLUSTER, cells: voters.toClusters() },
        ...(quads.votes > 0 ? { groupedVotes: quads.toGroups() } : {}),
      }).rows.map((row) => ({
        model: row.model,
        ...publicRatingNumbers(row),
      }));
    const snapshot = await readLatestSnapshot(db, null);
    const prices: PriceRow[] = priceTableOf(snapshot?.data.usable ?? [], await readFactsInForce(db));
    const manifest: ReleaseManifest = {
      release,
      createdAt: new Date().toISOString(),
      licence: "CC BY 4.0",
      rows: { total, counted },
      files,
      ratingParams: {
        method: "bt",
        ties: "davidson",
        cluster: DEFAULT_CLUSTER,
        ...params,
        counted:
          "battle_kind in (anonymous, quad) and flagged = false; a quad as its 5 rank-breaking pairs, resampled whole",
      },
      checks: await computeCheckView(db, checkRule),
      leaderboards: {
        overall: rate(overall),
        ...Object.fromEntries([...byCategory].map(([category, cells]) => [category, rate(cells)])),
      },
      prices,
    };

    for (const format of FORMATS) {
      const name = `votes.${format}` as const;
      const { extension, type } = FILE_COLUMNS[name];
      const key = await store.putFile(path.join(staging, name), "releases", extension, type);
      stored.push(key);
      keys[name] = key;
    }
    const published = await db.datasetRelease.updateMany({
      where: { number: release, publishedAt: null },
      data: {
        publishedAt: new Date(manifest.createdAt),
        manifest: `${JSON.stringify(manifest, null, 2)}\n`,
        csvKey: keys["votes.csv"] ?? null,
        jsonlKey: keys["votes.jsonl"] ?? null,
        parquetKey: keys["votes.parquet"] ?? null,
      },
    });
    // Zero rows: this writer's lease ran out and a later writer cleared its number.
    if (published.count !== 1) throw inProgress();
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
