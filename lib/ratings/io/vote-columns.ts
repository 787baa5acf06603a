import { WINNERS, type Winner } from "../types";
import { type FileBattle, NO_CLIP_COLUMNS, NO_MARKS } from "../vote-row";

/** A chunk of votes as typed arrays and a few small tables: what a worker thread posts (VoteColumnWriter). */
export interface VoteColumns {
  /** Votes in the chunk. */
  count: number;
  /** Per vote: −1 when it is in the columns, else its index in `objects`. */
  object: Int32Array;
  /** Votes the columns do not carry (tags, clip columns or marks), structured-cloned as they are. */
  objects: FileBattle[];
  /** Strings first met in this chunk (model names, judges, prompts), numbered on from earlier chunks'. */
  strings: string[];
  /** Category lists first met in this chunk, numbered on likewise. */
  categoryLists: string[][];
  modelA: Int32Array;
  modelB: Int32Array;
  categories: Int32Array;
  /** Index into WINNERS. */
  winner: Uint8Array;
  /** FLAG bits. */
  flags: Uint8Array;
  tstamp: Float64Array;
  /** String numbers of `judge` and `promptId`; −1 for null. */
  judge: Int32Array;
  promptId: Int32Array;
  /** Vote i's `vote_id` is the UTF-16 code units [idStart[i], idStart[i + 1]) of `idUnits`. */
  idStart: Int32Array;
  idUnits: Uint16Array;
}

const FLAG = { flagged: 1, named: 2, recognised: 4, noTstamp: 8, noVoteId: 16, clusterKeys: 32 } as const;
const EMPTY: readonly string[] = Object.freeze([]);
const WINNER_INDEX = new Map<Winner, number>(WINNERS.map((w, i) => [w, i]));

/** Whether the columns carry a vote exactly: no tags, clip columns or marks (an LMArena row, a bare export). */
const plain = (b: FileBattle) =>
  b.tagsA.length === 0 &&
  b.tagsB.length === 0 &&
  b.clipA === NO_CLIP_COLUMNS &&
  b.clipB === NO_CLIP_COLUMNS &&
  b.marks === NO_MARKS;

/**
 * Packs votes into VoteColumns chunks, so a worker thread hands a million votes to another thread
 * as a few typed arrays (transferred, not copied) instead of a million cloned objects. Strings and
 * category lists are sent once each, the first time a chunk uses them.
 */
export class VoteColumnWriter {
  private readonly stringNumbers = new Map<string, number>();
  private readonly listNumbers = new Map<readonly string[], number>();
  private readonly listKeys = new Map<string, number>();
  private chunk: VoteColumns;
  private units = 0;

  constructor(private readonly capacity: number) {
    this.chunk = this.empty();
  }

  get size(): number {
    return this.chunk.count;
  }

  add(battle: FileBattle): void {
    const c = this.chunk;
    const i = c.count;
    c.count += 1;
    c.idStart[i + 1] = this.units;
    if (!plain(battle)) {
      c.object[i] = c.objects.push(battle) - 1;
      return;
    }
    c.object[i] = -1;
    c.modelA[i] = this.stringNumber(battle.modelA);
    c.modelB[i] = this.stringNumber(battle.modelB);
    c.categories[i] = this.listNumber(battle.categories);
    c.winner[i] = WINNER_INDEX.get(battle.winner) as number;
    c.tstamp[i] = battle.tstamp ?? 0;
    const keys = "judge" in battle || "promptId" in battle;
    c.judge[i] = battle.judge == null ? -1 : this.stringNumber(battle.judge);
    c.promptId[i] = battle.promptId == null ? -1 : this.stringNumber(battle.promptId);
    c.flags[i] =
      (battle.flagged ? FLAG.flagged : 0) |
      (battle.named ? FLAG.named : 0) |
      (battle.recognised ? FLAG.recognised : 0) |
      (battle.tstamp === null ? FLAG.noTstamp : 0) |
      (battle.voteId === null ? FLAG.noVoteId : 0) |
      (keys ? FLAG.clusterKeys : 0);
    const id = battle.voteId;
    if (id === null) return;
    if (this.units + id.length > c.idUnits.length) {
      const bigger = new Uint16Array(2 * (this.units + id.length));
      bigger.set(c.idUnits);
      c.idUnits = bigger;
    }
    for (let k = 0; k < id.length; k += 1) c.idUnits[this.units + k] = id.charCodeAt(k);
    this.units += id.length;
    c.idStart[i + 1] = this.units;
  }

  /** The chunk so far, and a fresh one started. */
  take(): VoteColumns {
    const full = this.chunk;
    // The ids' room is a guess: posted at their size, not the guess's.
    full.idUnits = full.idUnits.slice(0, this.units);
    this.chunk = this.empty();
    this.units = 0;
    return full;
  }

  private stringNumber(value: string): number {
    let n = this.stringNumbers.get(value);
    if (n === undefined) {
      n = this.stringNumbers.size;
      this.stringNumbers.set(value, n);
      this.chunk.strings.push(value);
    }
    return n;
  }

  // Readers share one list object between the votes of a category: found by identity first.
  private listNumber(list: readonly string[]): number {
    let n = this.listNumbers.get(list);
    if (n !== undefined) return n;
    const key = list.join("\u0000");
    n = list.length === 0 ? -1 : this.listKeys.get(key);
    if (n === undefined) {
      n = this.listKeys.size;
      this.listKeys.set(key, n);
      this.chunk.categoryLists.push([...list]);
    }
    if (this.listNumbers.size < 1024) this.listNumbers.set(list, n);
    return n;
  }

  private empty(): VoteColumns {
    const n = this.capacity;
    return {
      count: 0,
      object: new Int32Array(n),
      objects: [],
      strings: [],
      categoryLists: [],
      modelA: new Int32Array(n),
      modelB: new Int32Array(n),
      categories: new Int32Array(n),
      winner: new Uint8Array(n),
      flags: new Uint8Array(n),
      tstamp: new Float64Array(n),
      judge: new Int32Array(n),
      promptId: new Int32Array(n),
      idStart: new Int32Array(n + 1),
      idUnits: new Uint16Array(16 * n),
    };
  }
}

/** The typed arrays of a chunk, for postMessage's transfer list. */
export const transferablesOf = (c: VoteColumns): ArrayBuffer[] =>
  [
    c.object,
    c.modelA,
    c.modelB,
    c.categories,
    c.winner,
    c.flags,
    c.tstamp,
    c.judge,
    c.promptId,
    c.idStart,
    c.idUnits,
  ].map((a) => a.buffer as ArrayBuffer);

/** Turns VoteColumnWriter's chunks back into votes, in order; one reader per writer. */
export class VoteColumnReader {
  private readonly strings: string[] = [];
  private readonly lists: (readonly string[])[] = [];

  /** A chunk's votes in batches of `size` (small batches die young: the garbage collector never copies them). */
  *batches(c: VoteColumns, size: number): Generator<FileBattle[]> {
    for (const s of c.strings) this.strings.push(s);
    for (const list of c.categoryLists) this.lists.push(Object.freeze(list));
    const ids = Buffer.from(c.idUnits.buffer, c.idUnits.byteOffset, c.idUnits.byteLength);
    for (let from = 0; from < c.count; from += size) yield this.read(c, ids, from, Math.min(c.count, from + size));
  }

  private read(c: VoteColumns, ids: Buffer, from: number, to: number): FileBattle[] {
    const out: FileBattle[] = [];
    for (let i = from; i < to; i += 1) {
      const object = c.object[i] as number;
      if (object >= 0) {
        out.push(c.objects[object] as FileBattle);
        continue;
      }
      const flags = c.flags[i] as number;
      const list = c.categories[i] as number;
      const battle: FileBattle = {
        modelA: this.strings[c.modelA[i] as number] as string,
        modelB: this.strings[c.modelB[i] as number] as string,
        winner: WINNERS[c.winner[i] as number] as Winner,
        categories: list < 0 ? EMPTY : (this.lists[list] as readonly string[]),
        tstamp: flags & FLAG.noTstamp ? null : (c.tstamp[i] as number),
        flagged: (flags & FLAG.flagged) !== 0,
        named: (flags & FLAG.named) !== 0,
        recognised: (flags & FLAG.recognised) !== 0,
        voteId:
          flags & FLAG.noVoteId
            ? null
            : ids.toString("utf16le", 2 * (c.idStart[i] as number), 2 * (c.idStart[i + 1] as number)),
        tagsA: EMPTY,
        tagsB: EMPTY,
        clipA: NO_CLIP_COLUMNS,
        clipB: NO_CLIP_COLUMNS,
        marks: NO_MARKS,
      };
      if (flags & FLAG.clusterKeys) {
        battle.judge = this.stringOrNull(c.judge[i] as number);
        battle.promptId = this.stringOrNull(c.promptId[i] as number);
      }
      out.push(battle);
    }
    return out;
  }

  private stringOrNull(n: number): string | null {
    return n < 0 ? null : (this.strings[n] as string);
  }
}
