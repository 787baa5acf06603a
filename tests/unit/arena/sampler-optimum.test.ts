import { describe, expect, test } from "vitest";
import { estimateStrengths, type PairRecord } from "@/lib/arena/strength-estimates";
import { optimumBound } from "../../../scripts/bench/sampler-optimum";

/** Largest posterior variance of the centred strengths after `votes` votes spread as `share(i, j)`. */
function widestVariance(strengths: number[], votes: number, share: (i: number, j: number) => number): number {
  const k = strengths.length;
  const records: PairRecord[] = [];
  for (let i = 0; i < k; i += 1) {
    for (let j = i + 1; j < k; j += 1) {
      const battles = votes * share(i, j);
      const p = 1 / (1 + Math.exp((strengths[j] as number) - (strengths[i] as number)));
      records.push({ smaller: `m${i}`, larger: `m${j}`, battles, smallerScore: battles * p });
    }
  }
  const posterior = estimateStrengths(records);
  return Math.max(...Array.from({ length: k }, (_, m) => posterior.covariance[m * k + m] as number));
}

describe("optimumBound", () => {
  test("finds nothing better than uniform pairs when all models are equal", () => {
    const bound = optimumBound([0, 0, 0, 0, 0, 0]);
    expect(bound.lower).toBeCloseTo(1, 6);
    expect(bound.upper).toBeCloseTo(1, 6);
  });

  test("brackets the optimum tightly, and its allocation gives the promised widest interval", () => {
    const strengths = [1.2, 0.5, 0, -0.3, -1];
    const k = strengths.length;
    const bound = optimumBound(strengths);
    expect(bound.lower).toBeLessThanOrEqual(bound.upper);
    expect(bound.upper - bound.lower).toBeLessThan(0.02);
    expect(bound.upper).toBeLessThan(0.95);
    // The real posterior (lib/arena/strength-estimates) with a million votes, where the prior is negligible.
    const uniform = widestVariance(strengths, 1e6, () => 1 / ((k * (k - 1)) / 2));
    const optimal = widestVariance(strengths, 1e6, (i, j) => bound.shares[i * k + j] as number);
    expect(optimal / uniform).toBeCloseTo(bound.upper, 3);
  });
});
