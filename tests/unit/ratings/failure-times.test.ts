import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { FailureTimeAccumulator, failureSubjectOf, kaplanMeier, survivalAt } from "@/lib/ratings/failure-times";
import { Z95 } from "@/lib/ratings/wilson-interval";

describe("Kaplan-Meier time to first failure", () => {
  test("a hand-computed curve: steps, Greenwood log-log band, median and its interval", () => {
    // Failures at 1, 2, 2, 4; censored at 3 and 5 (six subjects).
    const curve = kaplanMeier([
      [1, true, 1],
      [2, true, 2],
      [3, false, 1],
      [4, true, 1],
      [5, false, 1],
    ]);
    expect(curve.points.map((p) => [p.timeMs, p.atRisk, p.events])).toEqual([
      [1, 6, 1],
      [2, 5, 2],
      [4, 2, 1],
    ]);
    [5 / 6, 0.5, 0.25].forEach((s, i) => expect(curve.points[i]!.survival).toBeCloseTo(s, 12));
    const greenwood = 1 / 30 + 2 / 15;
    const se = Math.sqrt(greenwood) / Math.abs(Math.log(0.5));
    expect(curve.points[1]!.lower).toBeCloseTo(0.5 ** Math.exp(Z95 * se), 12);
    expect(curve.points[1]!.upper).toBeCloseTo(0.5 ** Math.exp(-Z95 * se), 12);
    expect(curve.medianMs).toBe(2);
    expect(curve.medianLowMs).toBe(1);
    expect(curve.medianHighMs).toBeNull(); // the upper band never falls to 0.5 with six subjects
    expect([curve.subjects, curve.events, curve.censored]).toEqual([6, 4, 2]);
    expect(survivalAt(curve, 3)).toBeCloseTo(0.5, 12);
    expect(survivalAt(curve, 0)).toBe(1);
  });

  test("a censoring tied with a failure counts as just after it; all censored gives no steps and no median", () => {
    expect(
      kaplanMeier([
        [5, true, 1],
        [5, false, 1],
      ]).points[0],
    ).toMatchObject({ atRisk: 2, survival: 0.5 });
    const none = kaplanMeier([[5000, false, 10]]);
    expect(none.points).toEqual([]);
    expect(none.medianMs).toBeNull();
    // S reaching 0 leaves the band's upper end where it was: three failures at once prove little.
    const allFail = kaplanMeier([[7, true, 3]]);
    expect(allFail.points[0]).toMatchObject({ survival: 0, lower: 0, upper: 1 });
    expect([allFail.medianMs, allFail.medianLowMs, allFail.medianHighMs]).toEqual([7, 7, null]);
  });

  test("a subject is the first marked time, censored at the delivered length without tags, and left out when only untimed", () => {
    expect(failureSubjectOf([], 5000)).toEqual({ timeMs: 5000, event: false });
    expect(failureSubjectOf([null, 2400, 900], 5000)).toEqual({ timeMs: 900, event: true });
    expect(failureSubjectOf([null], 5000)).toBeNull();
    expect(failureSubjectOf([6000], 5000)).toEqual({ timeMs: 5000, event: true });
  });

  test("the accumulator keeps an overall row and one per category, untimed counted apart", () => {
    const acc = new FailureTimeAccumulator();
    acc.add("veo", ["dance"], { timeMs: 100, event: true }, 2);
    acc.add("veo", ["dance", "dance"], null);
    acc.add("kling", [], { timeMs: 5000, event: false });
    expect(acc.rows().map((r) => [r.model, r.category, r.subjects, r.untimed])).toEqual([
      ["kling", "overall", 1, 0],
      ["veo", "overall", 2, 1],
      ["veo", "dance", 2, 1],
    ]);
  });
});

describe("simulation with known failure-time distributions", () => {
  /** Inverse-CDF draws: exponential, Weibull (shape 2), and an exponential with a 30% never-failing share. */
  const LENGTH_MS = 5000;
  const models = [
    { name: "exponential", median: 1500, draw: (u: number) => (-Math.log(1 - u) * 1500) / Math.LN2 },
    {
      name: "weibull",
      median: 3000,
      draw: (u: number) => (3000 / Math.sqrt(Math.LN2)) * Math.sqrt(-Math.log(1 - u)),
    },
    {
      // S(t) = 0.3 + 0.7·exp(−t/τ): the median solves exp(−t/τ) = 2/7.
      name: "cured",
      median: 2500,
      draw: (u: number) => (u < 0.3 ? Infinity : (-Math.log(1 - (u - 0.3) / 0.7) * 2500) / Math.log(7 / 2)),
    },
  ];

  test("the median's 95% interval holds the true median in ≥ 90% of replicates", () => {
    const random = seededRandom(33);
    const replicates = 300;
    const subjectsPerModel = 120;
    const covered = new Map(models.map((m) => [m.name, 0]));
    for (let r = 0; r < replicates; r++) {
      const acc = new FailureTimeAccumulator();
      for (const model of models) {
        for (let i = 0; i < subjectsPerModel; i++) {
          const t = Math.round(model.draw(random()));
          acc.add(model.name, [], t < LENGTH_MS ? { timeMs: t, event: true } : { timeMs: LENGTH_MS, event: false });
        }
      }
      for (const row of acc.rows()) {
        const truth = models.find((m) => m.name === row.model)!.median;
        const low = row.medianLowMs ?? Infinity;
        const high = row.medianHighMs ?? Infinity;
        if (low <= truth && truth <= high) covered.set(row.model, covered.get(row.model)! + 1);
      }
    }
    const coverage = Object.fromEntries([...covered].map(([name, n]) => [name, n / replicates]));
    console.info("median interval coverage", coverage);
    for (const share of Object.values(coverage)) expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
