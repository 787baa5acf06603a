import { z } from "zod";
import { taggedPair, type TaggedVote } from "./failure-profile";
import { type RatedBattle, WINNERS, type Winner } from "./types";

/**
 * One clip's properties as our export carries them (`duration_a_ms`, `pixels_a`, `fps_a`,
 * `audio_a` and their `_b` twins), for style control; null where the file has no value.
 */
export interface ClipColumns {
  /** Clip length, milliseconds. */
  durationMs: number | null;
  /** Width × height, pixels. */
  pixels: number | null;
  /** Frames per second (the export leaves it empty where unknown). */
  fps: number | null;
  /** Whether the clip was played with sound (the export's 0/1). */
  audio: boolean | null;
}

/** A clip of a file without any of the clip columns (LMArena's files, older exports). */
export const NO_CLIP_COLUMNS: Readonly<ClipColumns> = Object.freeze({
  durationMs: null,
  pixels: null,
  fps: null,
  audio: null,
});
const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * The failure marks of a vote (issue 33): the times of `tags_a`/`tags_b` in the same order
 * (`tag_times_a_ms`, `tag_times_b_ms`; null for a tag without a time) and the delivered clips'
 * lengths (`delivered_a_ms`, `delivered_b_ms`), for time to first failure.
 */
export interface FileMarks {
  timesA: readonly (number | null)[];
  timesB: readonly (number | null)[];
  deliveredA: number | null;
  deliveredB: number | null;
}

/** A vote of a file without the mark columns. */
export const NO_MARKS: Readonly<FileMarks> = Object.freeze({
  timesA: [],
  timesB: [],
  deliveredA: null,
  deliveredB: null,
});

/**
 * Marks from parsed values, the times aligned with the tags (one per tag, null where the file has
 * none: a CSV or Parquet cell cannot tell one untimed tag from no tag), sharing NO_MARKS when the
 * row has no tags and no lengths (most rows).
 */
export function fileMarks(
  tagsA: readonly string[],
  tagsB: readonly string[],
  timesA: readonly (number | null)[] | null | undefined,
  timesB: readonly (number | null)[] | null | undefined,
  deliveredA: number | null | undefined,
  deliveredB: number | null | undefined,
): Readonly<FileMarks> {
  if (tagsA.length === 0 && tagsB.length === 0 && deliveredA == null && deliveredB == null) return NO_MARKS;
  const align = (tags: readonly string[], times: readonly (number | null)[] | null | undefined) =>
    tags.map((_, i) => times?.[i] ?? null);
  return {
    timesA: align(tagsA, timesA),
    timesB: align(tagsB, timesB),
    deliveredA: deliveredA ?? null,
    deliveredB: deliveredB ?? null,
  };
}

/** A "|"-joined list of times (CSV, Parquet; an empty item is a tag without a time), NaN items when not numbers. */
export function splitTimes(text: string): (number | null)[] {
  return text ? text.split("|").map((item) => (item === "" ? null : /^\d+$/.test(item) ? Number(item) : NaN)) : [];
}

/** A vote as read from an export (or an LMArena battle file). */
export interface FileBattle extends RatedBattle {
  categories: readonly string[];
  tstamp: number | null;
  flagged: boolean;
  /**
   * A vote cast with the model names shown: `battle_kind: "named"` in our export, `anony: false`
   * in LMArena's files. Kept in the data, not rated by default (FastChat rates anonymous votes only).
   */
  named: boolean;
  /**
   * The voter named a model of the battle correctly in the recognition survey
   * (`recognised_correctly`); false where the file has no such column.
   */
  recognised: boolean;
  /** The vote's id (`vote_id`) when the file has one: repeated ids are the same vote. */
  voteId: string | null;
  /** Failure tags the voter put on the left and right clip (`tags_a`, `tags_b`); empty when none. */
  tagsA: readonly string[];
  tagsB: readonly string[];
  clipA: Readonly<ClipColumns>;
  clipB: Readonly<ClipColumns>;
  /** Marked times of the tags and the delivered lengths (NO_MARKS where the file has none). */
  marks: Readonly<FileMarks>;
  /**
   * The voter (`judge`: our export's salted session pseudonym, LMArena's judge) and the prompt
   * (`prompt_id`, LMArena's `question_id`), for a clustered bootstrap; read only when asked
   * (ReadVoteFileOptions.clusterKeys), else absent. Null when the row has none.
   */
  judge?: string | null;
  promptId?: string | null;
}

export interface VoteFileProblem {
  line: number;
  message: string;
  /** A quad or quad_pair row naming an impossible vote (quad-row.ts): the ratings CLI stops on it. */
  quad?: boolean;
}

/** Model names as rated: surrounding spaces trimmed, Unicode NFC (so é typed two ways is one model). */
export const normaliseModelName = (name: string) => name.trim().normalize("NFC");

const booleanField = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False", "1", "0", ""]).transform((v) => v === "true" || v === "True" || v === "1"),
]);
/** A list: an array (JSON, JSONL) or its items joined by "|" (CSV, Parquet). */
export const listField = z.union([z.array(z.string()), z.string().transform((v) => (v ? v.split("|") : []))]);
/** UNIX seconds, as a number or its text; empty or absent: none. Shared with quad rows (quad-row.ts). */
export const tstampField = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
    z.literal(""),
  ])
  .optional()
  .nullable();
/** A non-negative measure; empty means unknown. Shared with quad rows (quad-row.ts). */
export const measureField = z
  .union([
    z.number().min(0),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
    z.literal("").transform(() => null),
  ])
  .optional()
  .nullable();
const audioField = z
  .union([
    z.boolean(),
    z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1),
    z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true"),
    z.literal("").transform(() => null),
  ])
  .optional()
  .nullable();
/** An identifier: a string, or a number read as its text; empty means none. */
const idField = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .nullable();
/** Marked times: an array (JSON, JSONL) or "|"-joined (CSV, Parquet), an empty item for a tag without a time. */
export const timesField = z.union([
  z.array(z.number().int().min(0).nullable()),
  z
    .string()
    .transform(splitTimes)
    .pipe(z.array(z.number().int().min(0).nullable())),
]);
const modelField = z.string().transform(normaliseModelName).pipe(z.string().min(1));

/** The columns the readers use; every other column is ignored. */
export const voteRowSchema = z
  .object({
    vote_id: z
      .union([z.string(), z.number().transform(String)])
      .optional()
      .nullable(),
    model_a: modelField,
    model_b: modelField,
    winner: z.enum(WINNERS as [Winner, ...Winner[]]),
    category: z.string().optional().nullable(),
    categories: listField.optional().nullable(),
    tstamp: tstampField,
    flagged: booleanField.optional().nullable(),
    battle_kind: z.enum(["anonymous", "named", ""]).optional().nullable(),
    anony: booleanField.optional().nullable(),
    recognised_correctly: booleanField.optional().nullable(),
    tags_a: listField.optional().nullable(),
    tags_b: listField.optional().nullable(),
    tag_times_a_ms: timesField.optional().nullable(),
    tag_times_b_ms: timesField.optional().nullable(),
    delivered_a_ms: measureField,
    delivered_b_ms: measureField,
    duration_a_ms: measureField,
    duration_b_ms: measureField,
    pixels_a: measureField,
    pixels_b: measureField,
    fps_a: measureField,
    fps_b: measureField,
    audio_a: audioField,
    audio_b: audioField,
    judge: idField,
    prompt_id: idField,
    question_id: idField,
  })
  .refine((row) => row.model_a !== row.model_b, { message: "model_a and model_b are the same model" });

/** A parsed row as a vote, or null with the reason added to `problems`. */
export function toBattle(
  raw: unknown,
  line: number,
  problems: VoteFileProblem[],
  clusterKeys = false,
): FileBattle | null {
  const parsed = voteRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.push({ line, message: `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}` });
    return null;
  }
  const row = parsed.data;
  const categories = row.categories && row.categories.length > 0 ? row.categories : row.category ? [row.category] : [];
  const battle: FileBattle = {
    modelA: row.model_a,
    modelB: row.model_b,
    winner: row.winner,
    categories,
    tstamp: typeof row.tstamp === "number" ? row.tstamp : null,
    flagged: row.flagged ?? false,
    named: row.battle_kind === "named" || row.anony === false,
    recognised: row.recognised_correctly ?? false,
    voteId: row.vote_id ?? null,
    tagsA: row.tags_a ?? NO_TAGS,
    tagsB: row.tags_b ?? NO_TAGS,
    clipA: clipColumns(row.duration_a_ms, row.pixels_a, row.fps_a, row.audio_a),
    clipB: clipColumns(row.duration_b_ms, row.pixels_b, row.fps_b, row.audio_b),
    marks: fileMarks(
      row.tags_a ?? NO_TAGS,
      row.tags_b ?? NO_TAGS,
      row.tag_times_a_ms,
      row.tag_times_b_ms,
      row.delivered_a_ms,
      row.delivered_b_ms,
    ),
  };
  if (clusterKeys) {
    battle.judge = row.judge || null;
    battle.promptId = row.prompt_id || row.question_id || null;
  }
  return battle;
}

/** A pair vote's two clip appearances as the failure profile and the usable share read them ("both bad" as all bad). */
export function taggedBattle(battle: FileBattle): TaggedVote {
  return taggedPair({ ...battle, allBad: battle.winner === "tie (bothbad)" });
}

/** A clip's columns, sharing NO_CLIP_COLUMNS when the file has none (most LMArena-style rows). */
export function clipColumns(
  durationMs: number | null | undefined,
  pixels: number | null | undefined,
  fps: number | null | undefined,
  audio: boolean | null | undefined,
): Readonly<ClipColumns> {
  return durationMs == null && pixels == null && fps == null && audio == null
    ? NO_CLIP_COLUMNS
    : { durationMs: durationMs ?? null, pixels: pixels ?? null, fps: fps ?? null, audio: audio ?? null };
}

const WINNER_SET: ReadonlySet<string> = new Set(WINNERS);
const flag = (v: unknown) => (v === true || v === "true" ? true : v === false || v === "false" ? false : undefined);
/**
 * What plainRowToBattle keeps between rows: normalised model names, and lists split from their
 * "|"-joined text (frozen, shared by every vote with the same text: a file has few distinct ones).
 */
export interface PlainRowCache {
  names: Map<string, string>;
  lists: Map<string, readonly string[]>;
}

export const newPlainRowCache = (): PlainRowCache => ({ names: new Map(), lists: new Map() });

function splitList(lists: Map<string, readonly string[]>, text: string): readonly string[] {
  let list = lists.get(text);
  if (list === undefined) lists.set(text, (list = Object.freeze(text ? text.split("|") : [])));
  return list;
}

/** A plain list value (array of strings, "|"-joined string, null), else undefined. */
const plainList = (lists: Map<string, readonly string[]>, v: unknown): readonly string[] | undefined =>
  v == null
    ? NO_TAGS
    : typeof v === "string"
      ? splitList(lists, v)
      : Array.isArray(v) && v.every((item) => typeof item === "string")
        ? v
        : undefined;

/** A plain measure (non-negative number or null); NaN for anything else. */
const plainMeasure = (v: unknown): number | null => (v == null ? null : typeof v === "number" && v >= 0 ? v : NaN);
const plainAudio = (v: unknown): boolean | null | undefined =>
  v == null ? null : v === 1 || v === true ? true : v === 0 || v === false ? false : undefined;

const KINDS: ReadonlySet<unknown> = new Set(["anonymous", "named", ""]);
/** The export's columns of both clips' properties, read into ClipColumns. */
export const CLIP_COLUMNS = [
  "duration_a_ms",
  "duration_b_ms",
  "pixels_a",
  "pixels_b",
  "fps_a",
  "fps_b",
  "audio_a",
  "audio_b",
] as const;
const NO_CLIPS: [Readonly<ClipColumns>, Readonly<ClipColumns>] = [NO_CLIP_COLUMNS, NO_CLIP_COLUMNS];
/** The export's columns of failure marks, read into FileMarks. */
export const MARK_COLUMNS = ["tag_times_a_ms", "tag_times_b_ms", "delivered_a_ms", "delivered_b_ms"] as const;

/** A plain identifier (string, or a number as its text), null when absent, undefined for anything else. */
const plainId = (v: unknown): string | null | undefined =>
  v == null ? null : typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

/** A model name normalised once per distinct raw name. */
function internName(names: Map<string, string>, raw: string): string {
  let name = names.get(raw);
  if (name === undefined) names.set(raw, (name = normaliseModelName(raw)));
  return name;
}

/** Both clips' columns of a plain row, or undefined when a value is not plain. */
function plainClips(row: Record<string, unknown>): [Readonly<ClipColumns>, Readonly<ClipColumns>] | undefined {
  if (CLIP_COLUMNS.every((column) => row[column] == null)) return NO_CLIPS;
  const measures = [row.duration_a_ms, row.pixels_a, row.fps_a, row.duration_b_ms, row.pixels_b, row.fps_b].map(
    plainMeasure,
  );
  const [audioA, audioB] = [plainAudio(row.audio_a), plainAudio(row.audio_b)];
  if (measures.some((m) => Number.isNaN(m)) || audioA === undefined || audioB === undefined) return undefined;
  const [durationA, pixelsA, fpsA, durationB, pixelsB, fpsB] = measures;
  return [clipColumns(durationA, pixelsA, fpsA, audioA), clipColumns(durationB, pixelsB, fpsB, audioB)];
}

/**
 * A parsed row whose fields already have their plain types (Parquet columns, JSON objects) as a
 * vote, without the schema's cost; undefined for anything else, which toBattle then reads or
 * reports. `cache` holds normalised model names; `clusterKeys` adds `judge` and `promptId`.
 */
export function plainRowToBattle(
  row: Record<string, unknown>,
  cache: PlainRowCache,
  clusterKeys = false,
): FileBattle | undefined {
  const { model_a: a, model_b: b, winner, vote_id: voteId, tstamp, categories, category } = row;
  if (typeof a !== "string" || typeof b !== "string" || typeof winner !== "string" || !WINNER_SET.has(winner))
    return undefined;
  const modelA = internName(cache.names, a);
  const modelB = internName(cache.names, b);
  if (!modelA || !modelB || modelA === modelB) return undefined;
  const flagged = row.flagged == null || row.flagged === "" ? false : flag(row.flagged);
  const anony = row.anony == null ? true : flag(row.anony);
  const kind = row.battle_kind ?? "";
  const recognised =
    row.recognised_correctly == null || row.recognised_correctly === "" ? false : flag(row.recognised_correctly);
  if (flagged === undefined || anony === undefined || recognised === undefined || !KINDS.has(kind)) return undefined;
  if (tstamp != null && tstamp !== "" && typeof tstamp !== "number") return undefined;
  if (voteId != null && typeof voteId !== "string") return undefined;
  let list: readonly string[];
  if (Array.isArray(categories) && categories.every((c) => typeof c === "string")) list = categories;
  else if (typeof categories === "string") list = splitList(cache.lists, categories);
  else if (categories == null) list = [];
  else return undefined;
  if (list.length === 0 && typeof category === "string" && category) list = [category];
  const [tagsA, tagsB] = [plainList(cache.lists, row.tags_a), plainList(cache.lists, row.tags_b)];
  const clips = plainClips(row);
  const marks = tagsA && tagsB && plainMarks(row, tagsA, tagsB);
  if (!tagsA || !tagsB || !clips || !marks) return undefined;
  const [judge, promptId, questionId] = clusterKeys
    ? [plainId(row.judge), plainId(row.prompt_id), plainId(row.question_id)]
    : [null, null, null];
  if (judge === undefined || promptId === undefined || questionId === undefined) return undefined;
  // One object literal, keys set after: spreading a keys object per row made every battle a
  // dictionary-mode object (a 1M-vote Parquet file read 7× slower with cluster keys).
  const battle: FileBattle = {
    modelA,
    modelB,
    winner: winner as Winner,
    categories: list,
    tstamp: typeof tstamp === "number" ? tstamp : null,
    flagged,
    named: kind === "named" || !anony,
    recognised,
    voteId: voteId ?? null,
    tagsA,
    tagsB,
    clipA: clips[0],
    clipB: clips[1],
    marks,
  };
  if (clusterKeys) {
    battle.judge = judge || null;
    battle.promptId = promptId || questionId || null;
  }
  return battle;
}

/** A plain list of times (array of non-negative integers and nulls, "|"-joined text, null), else undefined. */
function plainTimes(v: unknown): readonly (number | null)[] | undefined {
  const times =
    v == null ? [] : typeof v === "string" ? splitTimes(v) : Array.isArray(v) ? (v as unknown[]) : undefined;
  return times?.every((t) => t === null || (typeof t === "number" && Number.isInteger(t) && t >= 0))
    ? (times as (number | null)[])
    : undefined;
}

/** A plain row's marks, or undefined when a value is not plain. */
function plainMarks(
  row: Record<string, unknown>,
  tagsA: readonly string[],
  tagsB: readonly string[],
): Readonly<FileMarks> | undefined {
  const [timesA, timesB] = [plainTimes(row.tag_times_a_ms), plainTimes(row.tag_times_b_ms)];
  const [deliveredA, deliveredB] = [plainMeasure(row.delivered_a_ms), plainMeasure(row.delivered_b_ms)];
  if (!timesA || !timesB || Number.isNaN(deliveredA) || Number.isNaN(deliveredB)) return undefined;
  return fileMarks(tagsA, tagsB, timesA, timesB, deliveredA, deliveredB);
}
