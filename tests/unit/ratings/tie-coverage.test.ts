import { describe, expect, test } from "vitest";
import { measureCoverage } from "../../../scripts/bench/coverage-world";

// The small-scale version of `npm run bench:coverage`: arenas of 8 models with ratings spread
// Normal(1000, 120), each interval checked against the true decisive-preference rating.
const base = { models: 8, spread: 120, bootstrap: 100 };
const share = (r: { covered: number; intervals: number }) => r.covered / r.intervals;

describe("ties: intervals cover the true decisive-preference rating", { timeout: 120_000 }, () => {
  test("2,000 votes per model, 30% Davidson ties: Davidson's fit covers 90–99%, half a win does not reach 60%", () => {
    const setting = {
      ...base,
      votesPerModel: 2000,
      tieShare: 0.3,
      tieWorld: "davidson" as const,
      arenas: 25,
      seed: 11,
    };
    const davidson = measureCoverage({ ...setting, fit: "davidson" });
    const half = measureCoverage({ ...setting, fit: "half" });
    // 200 intervals: a standard error of about 1.5 points at 95%.
    expect(share(davidson)).toBeGreaterThanOrEqual(0.9);
    expect(share(davidson)).toBeLessThanOrEqual(0.99);
    expect(Math.abs(davidson.gapRatio - 1)).toBeLessThan(0.05);
    expect(share(half)).toBeLessThan(0.6);
    expect(half.gapRatio).toBeLessThan(0.8);
  });

  test("30 votes per model, 10% ties whatever the gap: Davidson's fit covers 90–99%", () => {
    const r = measureCoverage({
      ...base,
      votesPerModel: 30,
      tieShare: 0.1,
      tieWorld: "constant",
      arenas: 40,
      seed: 12,
      fit: "davidson",
    });
    expect(share(r)).toBeGreaterThanOrEqual(0.9);
    expect(share(r)).toBeLessThanOrEqual(0.99);
  });
});
