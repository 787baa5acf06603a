import fs from "node:fs";
import { WINNERS, type Winner } from "./types";
import { type FileBattle, normaliseModelName, toBattle, type VoteFileProblem } from "./vote-row";

const WINNER = new Map<string, Winner>(WINNERS.map((w) => [w, w]));
const KINDS = new Set(["anonymous", "named", ""]);
const BLOCK = 8 << 20;
const NUMBER = /^\d+(\.\d+)?$/;
const NON_ASCII = /[^\x20-\x7e]/;
const QUOTE = 34;

/** Where one line's top-level values are: [start, end) of each, −1 when absent. */
class LineFields {
  voteId = -1;
  voteIdEnd = -1;
  modelA = -1;
  modelAEnd = -1;
  modelB = -1;
  modelBEnd = -1;
  winner = -1;
  winnerEnd = -1;
  tstamp = -1;
  tstampEnd = -1;
  flagged = -1;
  flaggedEnd = -1;
  anony = -1;
  anonyEnd = -1;
  kind = -1;
  kindEnd = -1;
  categories = -1;
  categoriesEnd = -1;
  category = -1;
  categoryEnd = -1;

  reset(): void {
    this.voteId = this.modelA = this.modelB = this.winner = this.tstamp = -1;
    this.flagged = this.anony = this.kind = this.categories = this.category = -1;
  }

  /** Records a value [start, end) (a string's content, without quotes) under key [k, kEnd). */
  set(text: string, k: number, kEnd: number, start: number, end: number): void {
    switch (kEnd - k) {
      case 5:
        if (text.startsWith("anony", k)) {
          this.anony = start;
          this.anonyEnd = end;
        }
        break;
      case 6:
        if (text.startsWith("winner", k)) {
          this.winner = start;
          this.winnerEnd = end;
        } else if (text.startsWith("tstamp", k)) {
          this.tstamp = start;
          this.tstampEnd = end;
        }
        break;
      case 7:
        if (text.startsWith("model_a", k)) {
          this.modelA = start;
          this.modelAEnd = end;
        } else if (text.startsWith("model_b", k)) {
          this.modelB = start;
          this.modelBEnd = end;
        } else if (text.startsWith("vote_id", k)) {
          this.voteId = start;
          this.voteIdEnd = end;
        } else if (text.startsWith("flagged", k)) {
          this.flagged = start;
          this.flaggedEnd = end;
        }
        break;
      case 8:
        if (text.startsWith("category", k)) {
          this.category = start;
          this.categoryEnd = end;
        }
        break;
      case 10:
        if (text.startsWith("categories", k)) {
          this.categories = start;
          this.categoriesEnd = end;
        }
        break;
      case 11:
        if (text.startsWith("battle_kind", k)) {
          this.kind = start;
          this.kindEnd = end;
        }
        break;
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
  return NON_ASCII.test(text.slice(start, end))
    ? bytes.toString("utf8", start, end)
    : bytes.toString("latin1", start, end);
}

const literal = (text: string, start: number, end: number) => (start < 0 ? null : text.slice(start, end));
const isBoolean = (v: string | null) => v === null || v === "true" || v === "false";
const isString = (text: string, start: number) => start >= 0 && text.charCodeAt(start - 1) === QUOTE;

/** A model name: `names` maps the raw latin1 view (unique per byte sequence) to the NFC name. */
function modelName(bytes: Buffer, text: string, start: number, end: number, names: Map<string, string>) {
  if (!isString(text, start)) return undefined;
  let name = names.get(text.slice(start, end));
  if (name === undefined) {
    name = normaliseModelName(decode(bytes, text, start, end));
    // A fresh copy as the key: a slice would keep the whole 8 MB block alive.
    names.set(bytes.toString("latin1", start, end), name);
  }
  return name || undefined;
}

/**
 * One line's vote from the located fields, or undefined when something is unexpected (the line
 * then goes through JSON.parse and the schema, which say what is wrong).
 */
function lineToBattle(bytes: Buffer, text: string, f: LineFields, names: Map<string, string>): FileBattle | undefined {
  const modelA = modelName(bytes, text, f.modelA, f.modelAEnd, names);
  const modelB = modelName(bytes, text, f.modelB, f.modelBEnd, names);
  const winner = isString(text, f.winner) ? WINNER.get(text.slice(f.winner, f.winnerEnd)) : undefined;
  if (!modelA || !modelB || !winner || modelA === modelB) return undefined;
  const flagged = literal(text, f.flagged, f.flaggedEnd);
  const anony = literal(text, f.anony, f.anonyEnd);
  const kind = literal(text, f.kind, f.kindEnd);
  const tstamp = literal(text, f.tstamp, f.tstampEnd);
  if (!isBoolean(flagged) || !isBoolean(anony) || (kind !== null && (!KINDS.has(kind) || !isString(text, f.kind))))
    return undefined;
  if (tstamp !== null && !NUMBER.test(tstamp)) return undefined;
  if (f.voteId >= 0 && !isString(text, f.voteId)) return undefined;
  let categories: string[] = [];
  if (f.categories >= 0) {
    if (text.charCodeAt(f.categories) !== 91) return undefined;
    const quoted = bytes.toString("utf8", f.categories + 1, f.categoriesEnd - 1).trim();
    const items = quoted ? quoted.split(",").map((c) => c.trim()) : [];
    if (items.some((c) => c.length < 2 || !c.startsWith('"') || !c.endsWith('"'))) return undefined;
    categories = items.map((c) => c.slice(1, -1));
  }
  if (categories.length === 0 && f.category >= 0) {
    if (isString(text, f.category)) {
      if (f.categoryEnd > f.category) categories = [decode(bytes, text, f.category, f.categoryEnd)];
    } else if (literal(text, f.category, f.categoryEnd) !== "null") return undefined;
  }
  return {
    modelA,
    modelB,
    winner,
    categories,
    tstamp: tstamp === null ? null : Number(tstamp),
    flagged: flagged === "true",
    named: kind === "named" || anony === "false",
    voteId: f.voteId < 0 ? null : decode(bytes, text, f.voteId, f.voteIdEnd),
  };
}

function parseSlow(line: string, number: number, problems: VoteFileProblem[]): FileBattle | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    problems.push({ line: number, message: "not valid JSON" });
    return null;
  }
  return toBattle(json, number, problems);
}

/**
 * Votes of a JSONL file, one JSON object a line, read in 8 MB blocks. The common line (no
 * escapes) is scanned for its fields without building an object, several times faster than
 * JSON.parse; every other line goes through JSON.parse and the schema, so both give the same
 * votes. Bad lines are reported in `problems` with their number.
 */
export function* readJsonLines(path: string, problems: VoteFileProblem[]): Generator<FileBattle> {
  const fd = fs.openSync(path, "r");
  const names = new Map<string, string>();
  const fields = new LineFields();
  let bytes = Buffer.allocUnsafe(BLOCK);
  let filled = 0;
  let number = 0;
  try {
    for (;;) {
      if (filled === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(bytes.length)]);
      const read = fs.readSync(fd, bytes, filled, bytes.length - filled, null);
      filled += read;
      // The last block may end without a newline: treat its end as one.
      const usable = read === 0 ? filled : bytes.lastIndexOf(10, filled - 1) + 1;
      const text = bytes.toString("latin1", 0, usable);
      const backslashes = text.indexOf("\\") >= 0;
      let start = 0;
      while (start < usable) {
        let end = text.indexOf("\n", start);
        if (end < 0) end = usable;
        number += 1;
        const escaped = backslashes && text.slice(start, end).includes("\\");
        const battle =
          (!escaped && locateFields(text, start, end, fields) ? lineToBattle(bytes, text, fields, names) : undefined) ??
          (text.slice(start, end).trim() ? parseSlow(bytes.toString("utf8", start, end), number, problems) : null);
        if (battle) yield battle;
        start = end + 1;
      }
      if (read === 0) return;
      bytes.copy(bytes, 0, usable, filled);
      filled -= usable;
    }
  } finally {
    fs.closeSync(fd);
  }
}
