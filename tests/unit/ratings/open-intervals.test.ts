import { describe, expect, test } from "vitest";
import { computeBradleyTerry, computeElo, type RatingsResult } from "@/lib/ratings";
import { exactGapBound } from "@/lib/ratings/exact-bound";
import { POINTS_PER_NAT } from "@/lib/ratings/rating-scale";
import { fixtureCells, readFixtures } from "./fixture-votes";

const row = (result: RatingsResult, model: string) => {
  const found = result.rows.find((r) => r.model === model);
  if (!found) throw new Error(`no row for ${model}`);
  return found;
};
/** Distance d where n·log σ(d) has fallen by χ²₁(0.95)/2 from its supremum 0 (n wins, no loss). */
const boundAfterWins = (n: number) => -Math.log(Math.exp(3.841459 / 2 / n) - 1);

describe("intervals never claim more than the votes hold", () => {
  test("only wins / only losses (10–0): open above / below, the other bound the exact binomial's", async () => {
    const result = computeBradleyTerry(await fixtureCells("only-wins.jsonl"));
    const [alpha, beta] = [row(result, "alpha"), row(result, "beta")];
    expect(alpha.ciHigh).toBeNull();
    expect(beta.ciLow).toBeNull();
    // Centred on the two models' vote-weighted mean, each sits at ±d/2 from 1000; the closed side
    // is the Clopper-Pearson bound (140 points), wider than the likelihood ratio's (264).
    const expected = 1000 + (POINTS_PER_NAT * exactGapBound(10)) / 2;
    expect(alpha.ciLow).toBeCloseTo(expected, 6);
    expect(alpha.ciLow).toBeLessThan(1000 + (POINTS_PER_NAT * boundAfterWins(10)) / 2 - 50);
    expect(beta.ciHigh).toBeCloseTo(2000 - (alpha.ciLow as number), 6);
  });

  test("ties only (10 ties), half a win: a closed interval of the likelihood ratio, never ±0", async () => {
    const result = computeBradleyTerry(await fixtureCells("ties-only.jsonl"), { ties: "half" });
    // 5·log(4σ(d)σ(−d)) = −χ²₁(0.95)/2 at the bound, solved for σ(d).
    const product = Math.exp(-3.841459 / 2 / 5) / 4;
    const s = (1 + Math.sqrt(1 - 4 * product)) / 2;
    const half = (POINTS_PER_NAT * Math.log(s / (1 - s))) / 2;
    for (const model of ["alpha", "beta"]) {
      const r = row(result, model);
      expect(r.rating).toBeCloseTo(1000, 6);
      expect(r.ciLow).toBeCloseTo(1000 - half, 1);
      expect(r.ciHigh).toBeCloseTo(1000 + half, 1);
    }
  });

  test("ties only (10 ties), Davidson: closed and wider than half a win's (ties carry no preference)", async () => {
    const davidson = computeBradleyTerry(await fixtureCells("ties-only.jsonl"));
    const half = computeBradleyTerry(await fixtureCells("ties-only.jsonl"), { ties: "half" });
    for (const model of ["alpha", "beta"]) {
      const r = row(davidson, model);
      expect(r.rating).toBeCloseTo(1000, 6);
      expect(r.ciLow).not.toBeNull();
      expect(r.ciHigh).not.toBeNull();
      expect((r.ciHigh as number) - (r.ciLow as number)).toBeGreaterThan(
        (row(half, model).ciHigh as number) - (row(half, model).ciLow as number),
      );
      expect((r.ciHigh as number) - 1000).toBeLessThan(1000);
    }
  });

  test("a single pair (7–3): the closed form point, a closed interval around it", async () => {
    const result = computeBradleyTerry(await fixtureCells("single-pair.jsonl"));
    const alpha = row(result, "alpha");
    expect(Math.abs(alpha.rating - (1000 + 200 * Math.log10(7 / 3)))).toBeLessThan(0.3);
    expect(alpha.ciLow).toBeLessThan(alpha.rating - 50);
    expect(alpha.ciHigh).toBeGreaterThan(alpha.rating + 50);
  });

  test("the sandwich option opens the same sides", async () => {
    const result = computeBradleyTerry(await fixtureCells("only-wins.jsonl"), { intervals: "sandwich" });
    expect([row(result, "alpha").ciHigh, row(result, "beta").ciLow]).toEqual([null, null]);
    expect(result.params.intervals).toBe("sandwich");
  });
});

describe("a newcomer with one vote cannot move the rest", () => {
  test("one win over a well-measured model moves none by 5 points or widens any interval by 10%", async () => {
    const before = computeBradleyTerry(await fixtureCells("three-balanced.jsonl"));
    const after = computeBradleyTerry(await fixtureCells("three-balanced.jsonl", "newcomer-one-win.jsonl"));
    for (const model of ["alpha", "beta", "gamma"]) {
      const [b, a] = [row(before, model), row(after, model)];
      expect(Math.abs(a.rating - b.rating)).toBeLessThanOrEqual(5);
      const width = (r: typeof a) => (r.ciHigh as number) - (r.ciLow as number);
      expect(width(a)).toBeLessThanOrEqual(1.1 * width(b));
    }
    const newcomer = row(after, "newcomer");
    expect(newcomer.ciHigh).toBeNull();
    expect(newcomer.ciLow).toBeLessThan(1000);
  });
});

describe("rank (UB) only within a connected group", () => {
  test("two groups that never met: each ranked on its own, each centred on its own", async () => {
    const result = computeBradleyTerry(await fixtureCells("two-groups.jsonl"));
    expect(result.components).toEqual([
      ["alpha", "beta"],
      ["delta", "gamma"],
    ]);
    const [alpha, beta, gamma, delta] = ["alpha", "beta", "gamma", "delta"].map((m) => row(result, m));
    expect([gamma?.group, delta?.group, alpha?.group, beta?.group]).toEqual([1, 1, 0, 0]);
    // alpha's lower bound is above gamma's and delta's upper bounds, but they never met: no rank claim.
    expect(alpha?.ciLow).toBeGreaterThan(Math.max(gamma?.ciHigh as number, delta?.ciHigh as number));
    expect([alpha?.rank, beta?.rank, gamma?.rank, delta?.rank]).toEqual([1, 2, 1, 1]);
    expect((gamma?.rating ?? 0) + (delta?.rating ?? 0)).toBeCloseTo(2000, 6);
    expect(result.warnings.join()).toMatch(/2 groups.*ranked on its own/);
  });
});

describe("Elo's rating lies inside its interval", () => {
  test("80 wins then 20 losses: the bootstrap median, inside the percentile interval", async () => {
    const { battles } = await readFixtures("elo-80-20.jsonl");
    const result = computeElo(battles, { bootstrap: 200 });
    for (const r of result.rows) {
      expect(r.rating).toBeGreaterThanOrEqual(r.ciLow as number);
      expect(r.rating).toBeLessThanOrEqual(r.ciHigh as number);
    }
    // The single in-order replay (1050.8) lies below the bootstrap median.
    expect(row(result, "alpha").rating).toBeGreaterThan(1051);
  });
});
