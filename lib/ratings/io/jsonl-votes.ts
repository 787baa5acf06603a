import fs from "node:fs";
import { WINNERS, type Winner } from "../types";
import {
  type ClipColumns,
  clipColumns,
  type FileBattle,
  type FileMarks,
  fileMarks,
  NO_CLIP_COLUMNS,
  normaliseModelName,
  type VoteFileProblem,
} from "../vote-row";
import { type FileQuadRow, toVoteRow } from "../quad-row";

const KINDS = ["anonymous", "named", ""];
// 4 MB, not 8: a file read on two cores holds a block per thread (jsonl-halves.ts), and the peak RSS counts both.
const BLOCK = 4 << 20;
/** Votes yielded together: few enough to die young, so the garbage collector never copies them. */
const BATCH = 2048;
/** Digits, optionally with a fractional part (/^\d+(\.\d+)?$/ without a regular expression's cost). */
function isPlainNumber(value: string): boolean {
  let dot = -1;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 46 && dot < 0 && i > 0) dot = i;
    else if (c < 48 || c > 57) return false;
  }
  return value.length > 0 && dot !== value.length - 1;
}
const QUOTE = 34;

/** The keys a line is scanned for, by length then name; a key's index is its slot in LineFields. */
const KEYS_BY_LENGTH: Record<number, readonly string[]> = {
  5: ["anony", "fps_a", "fps_b", "judge"],
  6: ["winner", "tstamp", "tags_a", "tags_b"],
  7: ["model_a", "model_b", "vote_id", "flagged", "audio_a", "audio_b"],
  8: ["category", "pixels_a", "pixels_b"],
  9: ["prompt_id"],
  10: ["categories"],
  11: ["battle_kind", "question_id"],
  13: ["duration_a_ms", "duration_b_ms"],
  14: ["tag_times_a_ms", "tag_times_b_ms", "delivered_a_ms", "delivered_b_ms"],
  20: ["recognised_correctly"],
};
const KEYS = Object.values(KEYS_BY_LENGTH).flat();
const SLOT = Object.fromEntries(KEYS.map((key, i) => [key, i])) as Record<string, number>;
const SLOTS_BY_LENGTH = Object.entries(KEYS_BY_LENGTH).map(
  ([length, keys]) => [Number(length), keys.map((key) => [key, SLOT[key] as number] as const)] as const,
);
const slotsOfLength: (readonly (readonly [string, number])[] | undefined)[] = [];
for (const [length, slots] of SLOTS_BY_LENGTH) slotsOfLength[length] = slots;

/** Where one line's top-level values are: [start, end) per key slot, start −1 when absent. */
class LineFields {
  readonly start = new Int32Array(KEYS.length);
  readonly end = new Int32Array(KEYS.length);

  reset(): void {
    this.start.fill(-1);
  }

  /** Records a value [start, end) (a string's content, without quotes) under key [k, kEnd). */
  set(text: string, k: number, kEnd: number, start: number, end: number): void {
    const slots = slotsOfLength[kEnd - k];
    if (!slots) return;
    for (const [key, slot] of slots) {
      if (text.startsWith(key, k)) {
        this.start[slot] = start;
        this.end[slot] = end;
        return;
      }
    }
  }
}

const skipSpaces = (text: string, p: number) => {
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13) p += 1;
  return p;
};

/**
 * One pass over a flat JSON object line [start, end) of `text` (latin1 view of the bytes),
 * recording where each used key's value lies. String values point inside the quotes, other values
 * (literals, arrays of plain strings) at their text. False for anything else: escapes, nested
 * objects, stray text; the line then goes through JSON.parse.
 */
function locateFields(text: string, start: number, end: number, out: LineFields): boolean {
  out.reset();
  let p = skipSpaces(text, start);
  if (text.charCodeAt(p) !== 123) return false;
  p = skipSpaces(text, p + 1);
  if (text.charCodeAt(p) === 125) return true;
  for (;;) {
    if (text.charCodeAt(p) !== QUOTE) return false;
    const key = p + 1;
    const keyEnd = text.indexOf('"', key);
    if (keyEnd < 0 || keyEnd >= end) return false;
    p = skipSpaces(text, keyEnd + 1);
    if (text.charCodeAt(p) !== 58) return false;
    p = skipSpaces(text, p + 1);
    const c = text.charCodeAt(p);
    let valueStart = p;
    let valueEnd: number;
    if (c === QUOTE) {
      valueStart = p + 1;
      valueEnd = text.indexOf('"', valueStart);
      if (valueEnd < 0 || valueEnd >= end) return false;
      p = valueEnd + 1;
    } else if (c === 91) {
      valueEnd = text.indexOf("]", p);
      if (valueEnd < 0 || valueEnd >= end) return false;
      p = valueEnd + 1;
      valueEnd = p;
    } else if (c === 123) {
      return false;
    } else {
      while (p < end) {
        const d = text.charCodeAt(p);
        if (d === 44 || d === 125 || d === 32) break;
        p += 1;
      }
      valueEnd = p;
    }
    out.set(text, key, keyEnd, valueStart, valueEnd);
    p = skipSpaces(text, p);
    const next = text.charCodeAt(p);
    if (next === 125) return skipSpaces(text, p + 1) >= end;
    if (next !== 44) return false;
    p = skipSpaces(text, p + 1);
  }
}

/** A string value [start, end) decoded properly (UTF-8 unless plain ASCII), as a fresh string. */
function decode(bytes: Buffer, text: string, start: number, end: number): string {
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return bytes.toString("utf8", start, end);
  }
  return bytes.toString("latin1", start, end);
}

/** Whether the value in `slot` is exactly `word` (compared in place, without cutting a string). */
const isWord = (text: string, f: LineFields, slot: number, word: string) =>
  (f.end[slot] as number) - (f.start[slot] as number) === word.length && text.startsWith(word, f.start[slot]);

/** A boolean literal in `slot`: null when absent, undefined when not a boolean. */
function booleanAt(text: string, f: LineFields, slot: number): boolean | null | undefined {
  if ((f.start[slot] as number) < 0) return null;
  return isWord(text, f, slot, "true") ? true : isWord(text, f, slot, "false") ? false : undefined;
}

/** The winner label in `slot`, or undefined. */
function winnerAt(text: string, f: LineFields, slot: number): Winner | undefined {
  if (!isString(text, f.start[slot] as number)) return undefined;
  for (const winner of WINNERS) if (isWord(text, f, slot, winner)) return winner;
  return undefined;
}

const literal = (text: string, f: LineFields, slot: number) =>
  (f.start[slot] as number) < 0 ? null : text.slice(f.start[slot], f.end[slot]);
const isString = (text: string, start: number) => start >= 0 && text.charCodeAt(start - 1) === QUOTE;

/**
 * A value that is not kept: plain ASCII is cut from the block's latin1 view (no call into the
 * runtime; a long cut may share the block's memory, so the caller must not keep it), anything
 * else decoded as UTF-8.
 */
function transient(bytes: Buffer, text: string, start: number, end: number): string {
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return bytes.toString("utf8", start, end);
  }
  return text.slice(start, end);
}

/**
 * Values that repeat across lines (model names, categories) by their raw bytes (as the block's
 * latin1 view), found by a hash of those bytes so a line's value is looked up without cutting a
 * string out of the block for it; `finish` turns the decoded text into the value, once.
 */
class InternedValues<T> {
  private readonly byHash = new Map<number, { raw: string; name: T }[]>();

  constructor(private readonly finish: (decoded: string) => T) {}

  /** The value of the raw text [start, end) of `text`, decoded from `bytes` the first time. */
  get(bytes: Buffer, text: string, start: number, end: number): T {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    let bucket = this.byHash.get(hash);
    if (bucket) {
      for (const entry of bucket)
        if (entry.raw.length === end - start && text.startsWith(entry.raw, start)) return entry.name;
    } else this.byHash.set(hash, (bucket = []));
    // A fresh copy as the key: a slice would keep the whole 4 MB block alive.
    const entry = {
      raw: bytes.toString("latin1", start, end),
      name: this.finish(decode(bytes, text, start, end)),
    };
    bucket.push(entry);
    return entry.name;
  }
}

/** A model name value, or undefined when it is not a string. */
/** Model names as rated (trimmed, NFC). */
type ModelNames = InternedValues<string>;
/** A category as the one-element list of a vote's categories. */
type CategoryLists = InternedValues<readonly string[]>;

function modelName(bytes: Buffer, text: string, f: LineFields, slot: number, names: ModelNames) {
  const start = f.start[slot] as number;
  return isString(text, start) ? names.get(bytes, text, start, f.end[slot] as number) || undefined : undefined;
}

/** An array of plain strings ([] when absent), or undefined for anything else. */
const NONE: readonly string[] = Object.freeze([]);

function stringList(bytes: Buffer, text: string, f: LineFields, slot: number): readonly string[] | undefined {
  const [start, end] = [f.start[slot] as number, f.end[slot] as number];
  if (start < 0) return NONE;
  if (text.charCodeAt(start) !== 91) return text.slice(start, end) === "null" ? NONE : undefined;
  const quoted = bytes.toString("utf8", start + 1, end - 1).trim();
  const items = quoted ? quoted.split(",").map((c) => c.trim()) : [];
  if (items.some((c) => c.length < 2 || !c.startsWith('"') || !c.endsWith('"'))) return undefined;
  return items.map((c) => c.slice(1, -1));
}

/** A non-negative number literal, null when absent or null, NaN for anything else. */
function measure(text: string, f: LineFields, slot: number): number | null {
  const value = literal(text, f, slot);
  return value === null || value === "null" ? null : isPlainNumber(value) ? Number(value) : NaN;
}

/** A clip's 0/1 (or boolean) sound flag, null when absent or null, undefined for anything else. */
function audio(text: string, f: LineFields, slot: number): boolean | null | undefined {
  const value = literal(text, f, slot);
  if (value === null || value === "null") return null;
  return value === "1" || value === "true" ? true : value === "0" || value === "false" ? false : undefined;
}

/** Both clips' columns, or undefined when a value is not what the export writes. */
function clipsOf(text: string, f: LineFields): [Readonly<ClipColumns>, Readonly<ClipColumns>] | undefined {
  if (CLIP_SLOTS.every((slot) => (f.start[slot] as number) < 0)) return NO_CLIPS;
  const a = [measure(text, f, S.durationA), measure(text, f, S.pixelsA), measure(text, f, S.fpsA)] as const;
  const b = [measure(text, f, S.durationB), measure(text, f, S.pixelsB), measure(text, f, S.fpsB)] as const;
  const [audioA, audioB] = [audio(text, f, S.audioA), audio(text, f, S.audioB)];
  if ([...a, ...b].some((m) => Number.isNaN(m)) || audioA === undefined || audioB === undefined) return undefined;
  return [clipColumns(...a, audioA), clipColumns(...b, audioB)];
}

const S = {
  voteId: SLOT.vote_id as number,
  modelA: SLOT.model_a as number,
  modelB: SLOT.model_b as number,
  winner: SLOT.winner as number,
  tstamp: SLOT.tstamp as number,
  flagged: SLOT.flagged as number,
  recognised: SLOT.recognised_correctly as number,
  anony: SLOT.anony as number,
  kind: SLOT.battle_kind as number,
  categories: SLOT.categories as number,
  category: SLOT.category as number,
  tagsA: SLOT.tags_a as number,
  tagsB: SLOT.tags_b as number,
  durationA: SLOT.duration_a_ms as number,
  durationB: SLOT.duration_b_ms as number,
  pixelsA: SLOT.pixels_a as number,
  pixelsB: SLOT.pixels_b as number,
  fpsA: SLOT.fps_a as number,
  fpsB: SLOT.fps_b as number,
  audioA: SLOT.audio_a as number,
  audioB: SLOT.audio_b as number,
  judge: SLOT.judge as number,
  promptId: SLOT.prompt_id as number,
  questionId: SLOT.question_id as number,
  timesA: SLOT.tag_times_a_ms as number,
  timesB: SLOT.tag_times_b_ms as number,
  deliveredA: SLOT.delivered_a_ms as number,
  deliveredB: SLOT.delivered_b_ms as number,
};

/**
 * A line's marks: only the common case is read here (no marked times, `[]` or absent); a line with
 * times goes through JSON.parse and the schema (undefined), which is rare enough not to matter.
 */
function marksOf(
  text: string,
  f: LineFields,
  tagsA: readonly string[],
  tagsB: readonly string[],
): Readonly<FileMarks> | undefined {
  for (const slot of [S.timesA, S.timesB]) {
    const value = literal(text, f, slot);
    if (value !== null && value !== "null" && value.replace(/\s/g, "") !== "[]") return undefined;
  }
  const [deliveredA, deliveredB] = [measure(text, f, S.deliveredA), measure(text, f, S.deliveredB)];
  if (Number.isNaN(deliveredA) || Number.isNaN(deliveredB)) return undefined;
  return fileMarks(tagsA, tagsB, [], [], deliveredA, deliveredB);
}

/** A string value (null when absent, null or empty), undefined for anything else (a number: the schema reads it). */
function identifier(bytes: Buffer, text: string, f: LineFields, slot: number): string | null | undefined {
  const [start, end] = [f.start[slot] as number, f.end[slot] as number];
  if (start < 0) return null;
  if (!isString(text, start)) return text.slice(start, end) === "null" ? null : undefined;
  return end > start ? decode(bytes, text, start, end) : null;
}

const CLIP_SLOTS = [S.durationA, S.durationB, S.pixelsA, S.pixelsB, S.fpsA, S.fpsB, S.audioA, S.audioB];
const NO_CLIPS = [NO_CLIP_COLUMNS, NO_CLIP_COLUMNS] as [Readonly<ClipColumns>, Readonly<ClipColumns>];

/**
 * One line's vote from the located fields, or undefined when something is unexpected (the line
 * then goes through JSON.parse and the schema, which say what is wrong).
 */
function lineToBattle(
  bytes: Buffer,
  text: string,
  f: LineFields,
  names: ModelNames,
  categoryLists: CategoryLists,
  clusterKeys: boolean,
): FileBattle | undefined {
  const modelA = modelName(bytes, text, f, S.modelA, names);
  const modelB = modelName(bytes, text, f, S.modelB, names);
  const winner = winnerAt(text, f, S.winner);
  if (!modelA || !modelB || !winner || modelA === modelB) return undefined;
  const flagged = booleanAt(text, f, S.flagged);
  const anony = booleanAt(text, f, S.anony);
  const recognised = booleanAt(text, f, S.recognised);
  const kindStart = f.start[S.kind] as number;
  const named = kindStart >= 0 && isWord(text, f, S.kind, "named");
  const tstamp = literal(text, f, S.tstamp);
  if (
    flagged === undefined ||
    anony === undefined ||
    recognised === undefined ||
    (kindStart >= 0 && (!isString(text, kindStart) || !(named || KINDS.some((kind) => isWord(text, f, S.kind, kind)))))
  )
    return undefined;
  if (tstamp !== null && !isPlainNumber(tstamp)) return undefined;
  const voteIdStart = f.start[S.voteId] as number;
  if (voteIdStart >= 0 && !isString(text, voteIdStart)) return undefined;
  let categories = stringList(bytes, text, f, S.categories);
  const [tagsA, tagsB] = [stringList(bytes, text, f, S.tagsA), stringList(bytes, text, f, S.tagsB)];
  const clips = clipsOf(text, f);
  const marks = tagsA && tagsB && marksOf(text, f, tagsA, tagsB);
  if (!categories || !tagsA || !tagsB || !clips || !marks) return undefined;
  const categoryStart = f.start[S.category] as number;
  if (categories.length === 0 && categoryStart >= 0) {
    if (isString(text, categoryStart)) {
      const categoryEnd = f.end[S.category] as number;
      if (categoryEnd > categoryStart) categories = categoryLists.get(bytes, text, categoryStart, categoryEnd);
    } else if (literal(text, f, S.category) !== "null") return undefined;
  }
  // Read field by field into one object literal: spreading a keys object per line made every
  // battle a dictionary-mode object (5× the CPU time of reading a 200k-vote file without keys).
  const judge = clusterKeys ? identifier(bytes, text, f, S.judge) : null;
  const promptId = clusterKeys ? identifier(bytes, text, f, S.promptId) : null;
  const questionId = clusterKeys ? identifier(bytes, text, f, S.questionId) : null;
  if (judge === undefined || promptId === undefined || questionId === undefined) return undefined;
  const battle: FileBattle = {
    modelA,
    modelB,
    winner,
    categories,
    tstamp: tstamp === null ? null : Number(tstamp),
    flagged: flagged === true,
    named: named || anony === false,
    recognised: recognised === true,
    // Only compared (de-duplication), never kept by the ratings CLI.
    voteId: voteIdStart < 0 ? null : transient(bytes, text, voteIdStart, f.end[S.voteId] as number),
    tagsA,
    tagsB,
    clipA: clips[0],
    clipB: clips[1],
    marks,
  };
  if (clusterKeys) {
    battle.judge = judge;
    battle.promptId = promptId ?? questionId;
  }
  return battle;
}

function parseSlow(
  line: string,
  number: number,
  problems: VoteFileProblem[],
  clusterKeys: boolean,
  onQuad: ((row: FileQuadRow) => void) | undefined,
): FileBattle | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    problems.push({ line: number, message: "not valid JSON" });
    return null;
  }
  return toVoteRow(json, number, problems, clusterKeys, onQuad);
}

/**
 * Votes of a JSONL file, one JSON object a line, read in 4 MB blocks. The common line (no
 * escapes) is scanned for its fields without building an object, several times faster than
 * JSON.parse; every other line goes through JSON.parse and the schema, so both give the same
 * votes. Bad lines are reported in `problems` with their number. Yields votes in small batches:
 * one yield per vote cost more than reading it. A vote's `voteId` may share the memory of the
 * 4 MB block it was read from: a caller that keeps many votes should not keep their ids. Quad
 * and quad_pair rows go to `onQuad` (ReadVoteFileOptions.onQuad). With `range`, reads only the
 * bytes [start, end) (which must begin a line; jsonl-halves.ts reads a file's halves this way),
 * numbering its lines from 1. Returns the number of lines read.
 */
export function* readJsonLines(
  path: string,
  problems: VoteFileProblem[],
  clusterKeys = false,
  onQuad?: (row: FileQuadRow) => void,
  range?: { start: number; end: number },
): Generator<FileBattle[], number> {
  const fd = fs.openSync(path, "r");
  let position = range?.start ?? 0;
  const end = range?.end ?? Infinity;
  const names: ModelNames = new InternedValues(normaliseModelName);
  const categoryLists: CategoryLists = new InternedValues((category) => Object.freeze([category]));
  const fields = new LineFields();
  let bytes = Buffer.allocUnsafe(BLOCK);
  let filled = 0;
  let number = 0;
  try {
    for (;;) {
      if (filled === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(bytes.length)]);
      const wanted = Math.min(bytes.length - filled, end - position);
      const read = wanted > 0 ? fs.readSync(fd, bytes, filled, wanted, position) : 0;
      position += read;
      filled += read;
      // The last block may end without a newline: treat its end as one.
      const usable = read === 0 ? filled : bytes.lastIndexOf(10, filled - 1) + 1;
      const text = bytes.toString("latin1", 0, usable);
      const backslashes = text.indexOf("\\") >= 0;
      let batch: FileBattle[] = [];
      let start = 0;
      while (start < usable) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = usable;
        number += 1;
        const escaped = backslashes && text.slice(start, end).includes("\\");
        const battle =
          (!escaped && locateFields(text, start, end, fields)
            ? lineToBattle(bytes, text, fields, names, categoryLists, clusterKeys)
            : undefined) ??
          (text.slice(start, end).trim()
            ? parseSlow(bytes.toString("utf8", start, end), number, problems, clusterKeys, onQuad)
            : null);
        if (battle && batch.push(battle) === BATCH) {
          yield batch;
          batch = [];
        }
        start = end + 1;
      }
      yield batch;
      if (read === 0) return number;
      bytes.copy(bytes, 0, usable, filled);
      filled -= usable;
    }
  } finally {
    fs.closeSync(fd);
  }
}
