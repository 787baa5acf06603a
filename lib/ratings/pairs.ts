import type { PairCell } from "./types";

/**
 * Votes between unordered model pairs, in index form for the fits: for pair p, models
 * `first[p] < second[p]`, the first model's wins, the second's wins and the ties (ties and
 * both-bad alike), as the three outcome categories a bootstrap resamples.
 */
export interface PairTable {
  models: string[];
  first: Int32Array;
  second: Int32Array;
  firstWins: Float64Array;
  secondWins: Float64Array;
  ties: Float64Array;
}

/** Folds ordered cells into unordered pairs; `models` is sorted so the table is order-independent. */
export function buildPairTable(cells: readonly PairCell[]): PairTable {
  const models = [...new Set(cells.flatMap((c) => [c.modelA, c.modelB]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const byPair = new Map<number, { firstWins: number; secondWins: number; ties: number }>();
  for (const cell of cells) {
    const a = index.get(cell.modelA) as number;
    const b = index.get(cell.modelB) as number;
    if (a === b) continue;
    const [i, j, winsI, winsJ] = a < b ? [a, b, cell.winsA, cell.winsB] : [b, a, cell.winsB, cell.winsA];
    const key = i * models.length + j;
    const pair = byPair.get(key) ?? { firstWins: 0, secondWins: 0, ties: 0 };
    pair.firstWins += winsI;
    pair.secondWins += winsJ;
    pair.ties += cell.ties + cell.bothBad;
    byPair.set(key, pair);
  }
  const keys = [...byPair.keys()]
    .sort((x, y) => x - y)
    .filter((k) => {
      const p = byPair.get(k) as { firstWins: number; secondWins: number; ties: number };
      return p.firstWins + p.secondWins + p.ties > 0;
    });
  const table: PairTable = {
    models,
    first: new Int32Array(keys.length),
    second: new Int32Array(keys.length),
    firstWins: new Float64Array(keys.length),
    secondWins: new Float64Array(keys.length),
    ties: new Float64Array(keys.length),
  };
  keys.forEach((key, p) => {
    const pair = byPair.get(key) as { firstWins: number; secondWins: number; ties: number };
    table.first[p] = Math.floor(key / models.length);
    table.second[p] = key % models.length;
    table.firstWins[p] = pair.firstWins;
    table.secondWins[p] = pair.secondWins;
    table.ties[p] = pair.ties;
  });
  return table;
}

/** Groups of models connected by at least one vote (union-find), each sorted, largest first. */
export function connectedComponents(table: PairTable): string[][] {
  const parent = table.models.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (let p = 0; p < table.first.length; p += 1)
    parent[find(table.first[p] as number)] = find(table.second[p] as number);
  const groups = new Map<number, string[]>();
  table.models.forEach((model, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), model]));
  return [...groups.values()].sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
}
