const INITIAL_SLOTS = 1 << 12;
const INITIAL_UNITS = 1 << 16;

/**
 * FNV-1a over a string's UTF-16 code units, then MurmurHash3's 32-bit finaliser: FNV alone leaves
 * the low bits (the table's index) depending on the low bits of each character only, and
 * sequential ids then crowd into a few runs of slots.
 */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * A set of vote ids for de-duplication that keeps no JavaScript string per id: ids are copied as
 * UTF-16 code units into one growing typed array and found through an open-addressing hash table
 * (FNV-1a with a MurmurHash3 finaliser, linear probing, at most half full; each slot holds the
 * id's number and hash side by side, so a probe reads one cache line). Exact: ids with equal
 * hashes are told apart by their code units. For a million ids it holds about 40 MB where a
 * Set<string> held over 100 MB of strings that the garbage collector had to copy and trace.
 * Holds up to 2^31 code units in all.
 */
export class VoteIdSet {
  /** Per slot: 1 + the id's number (0: empty), then the id's hash. */
  private table = new Int32Array(2 * INITIAL_SLOTS);
  /** Id number i has code units [starts[i], starts[i + 1]) in `units`. */
  private starts = new Int32Array(INITIAL_SLOTS / 2 + 1);
  private units = new Uint16Array(INITIAL_UNITS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const hash = hashOf(id);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[2 * slot] as number;
      if (entry === 0) break;
      if (table[2 * slot + 1] === hash && this.equals(entry - 1, id)) return false;
      slot = (slot + 1) & mask;
    }
    this.store(id);
    table[2 * slot] = this.count;
    table[2 * slot + 1] = hash;
    if (4 * this.count > table.length) this.rehash();
    return true;
  }

  private equals(index: number, id: string): boolean {
    const start = this.starts[index] as number;
    if ((this.starts[index + 1] as number) - start !== id.length) return false;
    for (let i = 0; i < id.length; i += 1) if (this.units[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private store(id: string): void {
    const index = this.count;
    if (index + 1 >= this.starts.length) this.starts = grow(this.starts, new Int32Array(2 * this.starts.length));
    const start = this.starts[index] as number;
    if (start + id.length > this.units.length)
      this.units = grow(this.units, new Uint16Array(2 * Math.max(this.units.length, start + id.length)));
    for (let i = 0; i < id.length; i += 1) this.units[start + i] = id.charCodeAt(i);
    this.starts[index + 1] = start + id.length;
    this.count = index + 1;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(2 * old.length);
    const mask = (table.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      let slot = (old[from + 1] as number) & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[from] as number;
      table[2 * slot + 1] = old[from + 1] as number;
    }
    this.table = table;
  }
}

function grow<T extends Int32Array | Uint16Array>(array: T, bigger: T): T {
  bigger.set(array);
  return bigger;
}
