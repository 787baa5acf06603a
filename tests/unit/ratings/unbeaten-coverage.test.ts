import { describe, expect, test } from "vitest";
import { computeBradleyTerry, computeElo, type RatedBattle } from "@/lib/ratings";
import { exactGapBound } from "@/lib/ratings/exact-bound";
import { POINTS_PER_NAT } from "@/lib/ratings/rating-scale";

/** Binomial probability of x successes in n at p. */
function binomial(n: number, x: number, p: number): number {
  let c = 1;
  for (let m = 1; m <= x; m += 1) c = (c * (n - m + 1)) / m;
  return c * p ** x * (1 - p) ** (n - x);
}

/**
 * Exact coverage in the two-model case: every record x–(n−x) of n votes, weighted by its
 * binomial probability at the true gap: both intervals must hold their true rating, 1000 ± gap/2
 * (two models with equal votes: each other's zero).
 */
function exactCoverage(n: number, gaps: number[], ties: "davidson" | "half") {
  const intervals = Array.from({ length: n + 1 }, (_, x) => {
    const cell = { modelA: "a", modelB: "b", winsA: x, winsB: n - x, ties: 0, bothBad: 0 };
    const rows = computeBradleyTerry([cell], { bootstrap: 1000, seed: 1, ties }).rows;
    return { a: rows.find((r) => r.model === "a"), b: rows.find((r) => r.model === "b") };
  });
  const holds = (row: { ciLow: number | null; ciHigh: number | null } | undefined, value: number) =>
    row !== undefined && (row.ciLow === null || row.ciLow <= value) && (row.ciHigh === null || value <= row.ciHigh);
  return gaps.map((gap) => {
    const p = 1 / (1 + 10 ** (-gap / 400));
    let covered = 0;
    // A one-sided record's closed side: a's low after n–0 above a's truth, a's high after 0–n below it
    // (b's sides are the same events); Clopper-Pearson allows each at most 2.5%.
    let lowMiss = 0;
    let highMiss = 0;
    intervals.forEach((interval, x) => {
      const weight = binomial(n, x, p);
      if (holds(interval.a, 1000 + gap / 2) && holds(interval.b, 1000 - gap / 2)) covered += weight;
      if (x === n && (interval.a?.ciLow ?? -Infinity) > 1000 + gap / 2) lowMiss += weight;
      if (x === 0 && (interval.a?.ciHigh ?? Infinity) < 1000 + gap / 2) highMiss += weight;
    });
    return { gap, covered, closedMiss: Math.max(lowMiss, highMiss) };
  });
}

const GAPS = Array.from({ length: 17 }, (_, i) => 25 * i);

describe("unbeaten and winless models: the closed side", () => {
  test("10–0 is published as a gap of at least 140 points (Clopper-Pearson), not 264", () => {
    expect(POINTS_PER_NAT * exactGapBound(10)).toBeCloseTo(140.2, 1);
    const [a, b] = ["a", "b"].map(
      (m) =>
        computeBradleyTerry([{ modelA: "a", modelB: "b", winsA: 10, winsB: 0, ties: 0, bothBad: 0 }], {
          bootstrap: 200,
        }).rows.find((r) => r.model === m) as { ciLow: number | null; ciHigh: number | null },
    );
    expect(a?.ciHigh).toBeNull();
    expect(b?.ciLow).toBeNull();
    // Two equal-vote models: each rating is half the gap from 1000.
    expect(a?.ciLow).toBeCloseTo(1000 + 140.2 / 2, 0);
    expect(b?.ciHigh).toBeCloseTo(1000 - 140.2 / 2, 0);
  });

  test.each([3, 5, 10, 20])(
    "%i votes, gaps 0–400 (exact): a one-sided record's closed side misses ≤ 2.5%; the interval covers ≥ 92.5%",
    (n) => {
      for (const ties of ["davidson", "half"] as const) {
        for (const { gap, covered, closedMiss } of exactCoverage(n, GAPS, ties)) {
          expect({ ties, gap, closedMiss: closedMiss <= 0.025 }).toEqual({ ties, gap, closedMiss: true });
          expect({ ties, gap, covered: covered >= 0.925 }).toEqual({ ties, gap, covered: true });
        }
      }
    },
  );
});

describe("Elo view: never a zero-width interval", () => {
  const repeat = (battle: RatedBattle, times: number) => Array.from({ length: times }, () => battle);
  test("only wins: the winner's upper side and the loser's lower side are open", () => {
    const result = computeElo(repeat({ modelA: "a", modelB: "b", winner: "model_a" }, 10), { bootstrap: 100 });
    const a = result.rows.find((r) => r.model === "a");
    const b = result.rows.find((r) => r.model === "b");
    expect(a?.ciHigh).toBeNull();
    expect(b?.ciLow).toBeNull();
    expect(a?.ciLow).not.toBeNull();
    expect((a?.rating ?? 0) - (a?.ciLow ?? 0)).toBeGreaterThan(10);
  });

  test("ties only: a closed interval of positive width on both sides", () => {
    const result = computeElo(repeat({ modelA: "a", modelB: "b", winner: "tie" }, 10), { bootstrap: 100 });
    for (const row of result.rows) {
      expect(row.ciLow).not.toBeNull();
      expect(row.ciHigh).not.toBeNull();
      expect(row.rating - (row.ciLow ?? row.rating)).toBeGreaterThan(10);
      expect((row.ciHigh ?? row.rating) - row.rating).toBeGreaterThan(10);
    }
  });
});
