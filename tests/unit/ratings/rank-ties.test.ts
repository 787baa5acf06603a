import { expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { computeBradleyTerry, type PairCell } from "@/lib/ratings";

/**
 * Votes in which "twin-a" and "twin-b" have identical records (the same wins, losses and ties
 * against the same opponents on the same sides): Bradley-Terry rates them alike, and rank (UB)
 * must not split them by the noise of their bootstrap intervals. (Online Elo depends on the order
 * of the votes, so twins there are not alike.)
 */
function twinCells(seed: number): PairCell[] {
  const random = seededRandom(seed);
  const count = () => Math.floor(random() * 12);
  const others = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);
  const cells: PairCell[] = [];
  for (const other of others) {
    const record = [count(), count(), Math.floor(random() * 3), Math.floor(random() * 2)];
    const reverse = [count(), count(), Math.floor(random() * 3), 0];
    for (const twin of ["twin-a", "twin-b"]) {
      cells.push({
        modelA: twin,
        modelB: other,
        winsA: record[0]!,
        winsB: record[1]!,
        ties: record[2]!,
        bothBad: record[3]!,
      });
      cells.push({
        modelA: other,
        modelB: twin,
        winsA: reverse[0]!,
        winsB: reverse[1]!,
        ties: reverse[2]!,
        bothBad: 0,
      });
    }
  }
  for (let i = 0; i < others.length; i++)
    for (let j = i + 1; j < others.length; j++)
      cells.push({ modelA: others[i]!, modelB: others[j]!, winsA: count(), winsB: count(), ties: 1, bothBad: 0 });
  return cells;
}

test(
  "two models with identical records get the same rank (UB), whatever the bootstrap draws",
  { timeout: 120_000 },
  () => {
    const splits: string[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      const cells = twinCells(seed);
      for (const result of [computeBradleyTerry(cells, { bootstrap: 30, seed })]) {
        const [a, b] = ["twin-a", "twin-b"].map((model) => result.rows.find((row) => row.model === model)!);
        expect(a!.rating).toBeCloseTo(b!.rating, 6);
        if (a!.rank !== b!.rank) splits.push(`${result.method} seed ${seed}: ${a!.rank} vs ${b!.rank}`);
      }
    }
    expect(splits).toEqual([]);
  },
);
