import fs from "node:fs";
import type { AsyncBuffer, FileMetaData } from "hyparquet";
import { readJsonLinesInHalves } from "./jsonl-halves";
import {
  CLIP_COLUMNS,
  MARK_COLUMNS,
  type FileBattle,
  newPlainRowCache,
  type PlainRowCache,
  plainRowToBattle,
  type VoteFileProblem,
} from "../vote-row";
import { type FileQuadRow, QUAD_MARK_COLUMNS, toVoteRow } from "../quad-row";

export type { FileBattle, VoteFileProblem } from "../vote-row";

/** Columns the ratings read; Parquet reads only these. */
const RATING_COLUMNS = [
  "vote_id",
  "model_a",
  "model_b",
  "model_c",
  "model_d",
  "winner",
  "best",
  "worst",
  "category",
  "categories",
  "tstamp",
  "flagged",
  "battle_kind",
  "anony",
  "recognised_correctly",
];
/** Columns a clustered bootstrap reads besides (see FileBattle.judge). */
const CLUSTER_KEY_COLUMNS = ["judge", "prompt_id", "question_id"];
/** Columns the failure profile and style control read besides. */
const TAG_AND_CLIP_COLUMNS = ["tags_a", "tags_b", ...CLIP_COLUMNS, ...MARK_COLUMNS, ...QUAD_MARK_COLUMNS];

export interface ReadVoteFileOptions {
  /**
   * Read the failure tags and clip columns (default true). Without them, Parquet skips those
   * columns and every vote has no tags and NO_CLIP_COLUMNS: for ratings alone, faster.
   */
  tagsAndClips?: boolean;
  /** Read each vote's `judge` and `prompt_id` (or `question_id`), for a clustered bootstrap (default false). */
  clusterKeys?: boolean;
  /**
   * Receives each quad row (`battle_kind` = "quad") and each row of a quad's pairwise expansion
   * ("quad_pair"), as read (quad-row.ts); they are not among the yielded votes. Without it such
   * rows are left out: the yielded votes are the file's pair votes.
   */
  onQuad?: (row: FileQuadRow) => void;
}

type OnQuad = ReadVoteFileOptions["onQuad"];

/** Votes yielded together by the row-at-a-time readers (CSV). */
const BATCH = 10_000;

// csv-parse and hyparquet are loaded by the reader that needs them: loading both cost every run
// of the ratings CLI start-up time.
async function* readCsv(
  path: string,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
  onQuad: OnQuad,
): AsyncGenerator<FileBattle[]> {
  const { parse } = await import("csv-parse");
  const parser = fs
    .createReadStream(path)
    .pipe(parse({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true }));
  let batch: FileBattle[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: unknown; info: { lines: number } }>) {
      const battle = toVoteRow(record, info.lines, problems, clusterKeys, onQuad);
      if (battle) batch.push(battle);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    yield batch;
  } catch (error) {
    problems.push({
      line: (error as { lines?: number }).lines ?? 0,
      message: `unreadable CSV: ${(error as Error).message}`,
    });
  }
}

/** Rows of objects (JSON array, Parquet): the plain-typed fast path, else the schema. */
function rowsToBattles(
  rows: Record<string, unknown>[],
  firstLine: number,
  cache: PlainRowCache,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
  onQuad: OnQuad,
): FileBattle[] {
  const battles: FileBattle[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as Record<string, unknown>;
    const battle =
      row !== null && typeof row === "object"
        ? (plainRowToBattle(row, cache, clusterKeys) ?? toVoteRow(row, firstLine + i, problems, clusterKeys, onQuad))
        : toVoteRow(row, firstLine + i, problems, clusterKeys, onQuad);
    if (battle) battles.push(battle);
  }
  return battles;
}

/** LMArena's `clean_battle` file: one JSON array of battle objects. Rows are numbered from 1. */
async function* readJsonArray(
  path: string,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
  onQuad: OnQuad,
): AsyncGenerator<FileBattle[]> {
  let rows: unknown;
  try {
    rows = JSON.parse(await fs.promises.readFile(path, "utf8"));
  } catch (error) {
    problems.push({ line: 0, message: `not valid JSON: ${(error as Error).message}` });
    return;
  }
  if (!Array.isArray(rows)) {
    problems.push({ line: 0, message: "expected a JSON array of battles (LMArena's clean_battle format)" });
    return;
  }
  yield rowsToBattles(rows as Record<string, unknown>[], 1, newPlainRowCache(), problems, clusterKeys, onQuad);
}

/** Our Parquet export (or any Parquet file with the same columns), one row group at a time. */
async function* readParquet(
  path: string,
  problems: VoteFileProblem[],
  tagsAndClips: boolean,
  clusterKeys: boolean,
  onQuad: OnQuad,
): AsyncGenerator<FileBattle[]> {
  const { parquetMetadataAsync, parquetSchema } = await import("hyparquet");
  // The whole file in memory (compressed, about 12 MB a million votes): one read instead of an
  // asynchronous read per column chunk, which left the process waiting more than decoding.
  const bytes = await fs.promises.readFile(path);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const file: AsyncBuffer = whole
    ? bytes.buffer
    : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    problems.push({ line: 0, message: `not a readable Parquet file: ${(error as Error).message}` });
    return;
  }
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const columns = [
    ...RATING_COLUMNS,
    ...(tagsAndClips ? TAG_AND_CLIP_COLUMNS : []),
    ...(clusterKeys ? CLUSTER_KEY_COLUMNS : []),
  ].filter((c) => present.has(c));
  const cache = newPlainRowCache();
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const values = await readColumns(file, metadata, columns, groupStart, rows);
    // One row object, refilled per row: objects per row were most of the reading time.
    const row: Record<string, unknown> = {};
    const battles: FileBattle[] = [];
    for (let i = 0; i < rows; i += 1) {
      for (const [column, data] of values) row[column] = data[i];
      const battle =
        plainRowToBattle(row, cache, clusterKeys) ?? toVoteRow(row, groupStart + i + 1, problems, clusterKeys, onQuad);
      if (battle) battles.push(battle);
    }
    yield battles;
    groupStart += rows;
  }
}

/** The values of `columns` in rows [start, start + rows) of a Parquet file, column by column. */
async function readColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  start: number,
  rows: number,
): Promise<[string, ArrayLike<unknown>][]> {
  const values = new Map<string, ArrayLike<unknown>>();
  const { parquetRead } = await import("hyparquet");
  await parquetRead({
    file,
    metadata,
    columns,
    rowStart: start,
    rowEnd: start + rows,
    onChunk: ({ columnName, columnData, rowStart }) => {
      // Usually one chunk is the column's rows; else copy the overlap with the rows asked for.
      if (rowStart === start && columnData.length === rows && !values.has(columnName)) {
        values.set(columnName, columnData);
        return;
      }
      let into = values.get(columnName) as unknown[] | undefined;
      if (!into || !Array.isArray(into)) {
        const first = into;
        values.set(columnName, (into = Array.from({ length: rows }, (_, r) => first?.[r])));
      }
      const from = Math.max(start, rowStart);
      const to = Math.min(start + rows, rowStart + columnData.length);
      for (let r = from; r < to; r += 1) into[r - start] = columnData[r - rowStart];
    },
  });
  return [...values];
}

/** The file types readVoteFile reads, by extension. */
export const VOTE_FILE_TYPES = ".csv, .jsonl, .json (LMArena clean_battle array) or .parquet";

/**
 * Streams the votes of a vote file in batches (a block, a row group, a few thousand rows), by
 * extension: CSV or JSONL (our export, or LMArena-style rows), JSON (LMArena's clean_battle
 * array) or Parquet (our export). Model names are trimmed and NFC-normalised. Rows that do not
 * parse are left out and reported in `problems` with their line (row) number; nothing throws on
 * bad content. Throws on an unknown extension. A JSONL file of 32 MB or more is read on two
 * threads (jsonl-halves.ts), with the same votes in the same order.
 * Besides the vote, each row's failure tags (`tags_a`, `tags_b`) and clip columns
 * (`duration_a_ms`, `pixels_a`, `fps_a`, `audio_a` and their `_b` twins) are read where present.
 */
export function readVoteBatches(
  path: string,
  problems: VoteFileProblem[],
  options: ReadVoteFileOptions = {},
): AsyncGenerator<FileBattle[]> {
  const [clusterKeys, onQuad] = [options.clusterKeys ?? false, options.onQuad];
  if (/\.jsonl$/i.test(path)) return readJsonLinesInHalves(path, problems, clusterKeys, onQuad);
  if (/\.json$/i.test(path)) return readJsonArray(path, problems, clusterKeys, onQuad);
  if (/\.csv$/i.test(path)) return readCsv(path, problems, clusterKeys, onQuad);
  if (/\.parquet$/i.test(path)) return readParquet(path, problems, options.tagsAndClips ?? true, clusterKeys, onQuad);
  throw new Error(`unknown vote file type: ${path} (expected ${VOTE_FILE_TYPES})`);
}

/** The votes of a vote file one at a time (see readVoteBatches). */
export async function* readVoteFile(
  path: string,
  problems: VoteFileProblem[],
  options: ReadVoteFileOptions = {},
): AsyncGenerator<FileBattle> {
  for await (const batch of readVoteBatches(path, problems, options)) yield* batch;
}
