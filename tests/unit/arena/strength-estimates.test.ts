import { describe, expect, test } from "vitest";
import { estimateStrengths, PRIOR_VARIANCE, tallyPairs } from "@/lib/arena/strength-estimates";

describe("tallyPairs", () => {
  test("folds ordered outcome groups into unordered pairs, ties as half a win", () => {
    const pairs = tallyPairs([
      { leftModelId: "b", rightModelId: "a", outcome: "left", count: 3 },
      { leftModelId: "a", rightModelId: "b", outcome: "left", count: 2 },
      { leftModelId: "a", rightModelId: "b", outcome: "tie", count: 4 },
      { leftModelId: "b", rightModelId: "a", outcome: "both_bad", count: 2 },
      { leftModelId: "a", rightModelId: "b", outcome: "right", count: 0 },
      { leftModelId: "a", rightModelId: "a", outcome: "left", count: 9 },
    ]);
    // a's score: 2 wins + (4 + 2) / 2 ties; b won 3.
    expect(pairs).toEqual([{ smaller: "a", larger: "b", battles: 11, smallerScore: 5 }]);
  });
});

describe("estimateStrengths", () => {
  test("recovers a known gap with the variance the Fisher information gives", () => {
    const n = 10_000;
    const gap = 0.8;
    const p = 1 / (1 + Math.exp(-gap));
    const posterior = estimateStrengths([{ smaller: "a", larger: "b", battles: n, smallerScore: n * p }]);
    const a = posterior.index.get("a") as number;
    expect((posterior.strength[a] as number) * 2).toBeCloseTo(gap, 3);
    expect(posterior.strength.reduce((s, t) => s + t, 0)).toBeCloseTo(0, 10);
    // Centred: θ_a − mean = (θ_a − θ_b) / 2, whose variance is 1 / (4 n p (1 − p)).
    const variance = posterior.covariance[a * 2 + a] as number;
    expect(variance / (1 / (4 * n * p * (1 - p)))).toBeGreaterThan(0.98);
    expect(variance / (1 / (4 * n * p * (1 - p)))).toBeLessThan(1.02);
  });

  test("keeps a one-sided record near the middle with a wide interval, where maximum likelihood diverges", () => {
    const posterior = estimateStrengths([{ smaller: "a", larger: "b", battles: 3, smallerScore: 3 }]);
    const a = posterior.index.get("a") as number;
    expect(posterior.strength[a]).toBeGreaterThan(0);
    expect(posterior.strength[a]).toBeLessThan(1.5);
    expect(posterior.covariance[a * 2 + a]).toBeGreaterThan(0.1 * PRIOR_VARIANCE);
  });

  test("orders three models by their records and narrows with more votes", () => {
    const records = (n: number) => [
      { smaller: "a", larger: "b", battles: n, smallerScore: 0.7 * n },
      { smaller: "b", larger: "c", battles: n, smallerScore: 0.7 * n },
      { smaller: "a", larger: "c", battles: n, smallerScore: 0.85 * n },
    ];
    const few = estimateStrengths(records(20));
    const many = estimateStrengths(records(2_000));
    const [a, b, c] = ["a", "b", "c"].map((m) => many.index.get(m) as number) as [number, number, number];
    expect(many.strength[a]).toBeGreaterThan(many.strength[b] as number);
    expect(many.strength[b]).toBeGreaterThan(many.strength[c] as number);
    expect(many.covariance[a * 3 + a] as number).toBeLessThan((few.covariance[a * 3 + a] as number) / 50);
  });

  test("is empty without votes", () => {
    expect(estimateStrengths([]).models).toEqual([]);
  });
});
