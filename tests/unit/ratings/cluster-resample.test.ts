import { describe, expect, test } from "vitest";
import { computeBradleyTerry } from "@/lib/ratings";
import { buildClusterTable, MIN_CLUSTERS } from "@/lib/ratings/cluster-resample";
import { buildPairTable } from "@/lib/ratings/pairs";
import type { PairCell } from "@/lib/ratings/types";

const cell = (modelA: string, modelB: string, winsA: number, winsB: number, ties = 0): PairCell => ({
  modelA,
  modelB,
  winsA,
  winsB,
  ties,
  bothBad: 0,
});

/** 40 voters over three models, each with a few votes and their own lean; the cells are their union. */
function voters(): PairCell[][] {
  return Array.from({ length: 40 }, (_, v) => [
    cell("a", "b", 1 + (v % 3), v % 2),
    cell("c", "b", v % 4, 1, v % 5 === 0 ? 1 : 0),
    cell("a", "c", v % 2, (v + 1) % 3),
  ]);
}
const union = (clusters: PairCell[][]): PairCell[] => {
  const sum = new Map<string, PairCell>();
  for (const c of clusters.flat()) {
    const key = `${c.modelA}|${c.modelB}`;
    const s = sum.get(key) ?? cell(c.modelA, c.modelB, 0, 0);
    sum.set(key, { ...s, winsA: s.winsA + c.winsA, winsB: s.winsB + c.winsB, ties: s.ties + c.ties });
  }
  return [...sum.values()];
};

describe("clustered bootstrap", () => {
  test("the cluster table holds exactly the table's votes, each outcome in its category", () => {
    const clusters = voters();
    const table = buildPairTable(union(clusters));
    const clustered = buildClusterTable(table, clusters);
    const pairs = table.first.length;
    const total = new Float64Array(3 * pairs);
    clustered.category.forEach((c, e) => (total[c] = (total[c] as number) + (clustered.count[e] as number)));
    expect(Array.from(total)).toEqual([...table.firstWins, ...table.secondWins, ...table.ties]);
  });

  test("the same clusters in any order, under any names, give the same intervals", () => {
    const clusters = voters();
    const cells = union(clusters);
    const fit = (c: PairCell[][]) =>
      computeBradleyTerry(cells, { bootstrap: 200, seed: 3, clusters: { unit: "voter", cells: c } }).rows;
    const shuffled = [...clusters].reverse().map((c) => [...c].reverse());
    expect(fit(shuffled)).toEqual(fit(clusters));
  });

  test("resampling whole voters differs from resampling votes, and says so in its params", () => {
    const clusters = voters();
    const cells = union(clusters);
    const plain = computeBradleyTerry(cells, { bootstrap: 200, seed: 3 });
    const byVoter = computeBradleyTerry(cells, {
      bootstrap: 200,
      seed: 3,
      clusters: { unit: "voter", cells: clusters },
    });
    expect(byVoter.rows.map((r) => r.rating)).toEqual(plain.rows.map((r) => r.rating));
    expect(byVoter.rows.map((r) => [r.ciLow, r.ciHigh])).not.toEqual(plain.rows.map((r) => [r.ciLow, r.ciHigh]));
    expect(byVoter.params.cluster).toBe("voter");
    expect(plain.params.cluster).toBeUndefined();
  });

  test(`fewer than ${MIN_CLUSTERS} clusters: single votes are resampled, with a warning`, () => {
    const clusters = voters().slice(0, MIN_CLUSTERS - 1);
    const cells = union(clusters);
    const plain = computeBradleyTerry(cells, { bootstrap: 100, seed: 3 });
    const few = computeBradleyTerry(cells, { bootstrap: 100, seed: 3, clusters: { unit: "prompt", cells: clusters } });
    expect(few.rows).toEqual(plain.rows);
    expect(few.params.cluster).toBeUndefined();
    expect(few.warnings.join()).toMatch(/29 prompts, fewer than 30/);
  });
});
