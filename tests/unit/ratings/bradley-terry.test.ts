import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { aggregateBattles, computeBradleyTerry, type PairCell, type RatedBattle } from "@/lib/ratings";
import { simulateBattles } from "@/lib/ratings/simulate";

const cell = (modelA: string, modelB: string, winsA: number, winsB: number, ties = 0, bothBad = 0): PairCell => ({
  modelA,
  modelB,
  winsA,
  winsB,
  ties,
  bothBad,
});
const rating = (result: ReturnType<typeof computeBradleyTerry>, model: string) =>
  result.rows.find((r) => r.model === model)?.rating ?? NaN;

/** An independent Bradley-Terry fit: Hunter's (2004) minorisation-maximisation, no shared code. */
function fitByMinorisation(battles: RatedBattle[]): Map<string, number> {
  const models = [...new Set(battles.flatMap((b) => [b.modelA, b.modelB]))];
  const score = new Map(models.map((m) => [m, 0]));
  const games = new Map<string, number>();
  for (const b of battles) {
    const s = b.winner === "model_a" ? 1 : b.winner === "model_b" ? 0 : 0.5;
    score.set(b.modelA, (score.get(b.modelA) ?? 0) + s);
    score.set(b.modelB, (score.get(b.modelB) ?? 0) + 1 - s);
    const key = [b.modelA, b.modelB].sort().join("|");
    games.set(key, (games.get(key) ?? 0) + 1);
  }
  let p = new Map(models.map((m) => [m, 1]));
  for (let iteration = 0; iteration < 5000; iteration += 1) {
    const next = new Map<string, number>();
    for (const m of models) {
      let denominator = 0;
      for (const [key, n] of games) {
        const [x, y] = key.split("|") as [string, string];
        if (x === m || y === m) denominator += n / ((p.get(x) ?? 1) + (p.get(y) ?? 1));
      }
      next.set(m, (score.get(m) ?? 0) / denominator);
    }
    const meanLog = [...next.values()].reduce((sum, v) => sum + Math.log(v), 0) / models.length;
    p = new Map([...next].map(([m, v]) => [m, v / Math.exp(meanLog)]));
  }
  return new Map([...p].map(([m, v]) => [m, 1000 + (400 * Math.log(v)) / Math.LN10]));
}

describe("computeBradleyTerry", () => {
  test("two models: the closed form 400·log10(wins/losses), ties as half", () => {
    const result = computeBradleyTerry([cell("a", "b", 50, 30, 15, 5)], { bootstrap: 0, ties: "half" });
    expect(result.method).toBe("bt-half");
    // a scores 50 + 10 = 60 of 100, b 40: the difference is 400·log10(60/40), centred on 1000.
    const diff = 400 * Math.log10(60 / 40);
    expect(rating(result, "a")).toBeCloseTo(1000 + diff / 2, 1);
    expect(rating(result, "b")).toBeCloseTo(1000 - diff / 2, 1);
    expect(result.rows[0]).toMatchObject({ model: "a", votes: 100, wins: 50, losses: 30, ties: 20, winRate: 0.6 });
  });

  test("two models, Davidson (the default): the decisive votes' closed form 400·log10(wins/losses)", () => {
    const result = computeBradleyTerry([cell("a", "b", 50, 30, 15, 5)], { bootstrap: 0 });
    expect(result.method).toBe("bt");
    // The saturated model: P(a wins | decisive) = 50/80, whatever the 20 ties (the ridge moves it < 0.1).
    const diff = 400 * Math.log10(50 / 30);
    expect(rating(result, "a")).toBeCloseTo(1000 + diff / 2, 1);
    expect(rating(result, "b")).toBeCloseTo(1000 - diff / 2, 1);
  });

  test("agrees with an independent minorisation-maximisation fit within 0.01 points", () => {
    const strengths = { a: 1100, b: 1050, c: 1000, d: 980, e: 900, f: 870 };
    const battles = [...simulateBattles({ strengths, votes: 30_000 }, seededRandom(3))];
    const ours = computeBradleyTerry(aggregateBattles(battles), { bootstrap: 0, ties: "half" });
    const reference = fitByMinorisation(battles);
    // The two centre the scale differently (vote-weighted core mean vs geometric mean): compare gaps.
    const gap = (model: string) => rating(ours, model) - rating(ours, "c");
    const referenceGap = (model: string) => (reference.get(model) as number) - (reference.get("c") as number);
    for (const model of reference.keys()) expect(Math.abs(gap(model) - referenceGap(model))).toBeLessThan(0.01);
  });

  test("anchors the scale on a named model", () => {
    const cells = [cell("a", "b", 70, 30), cell("b", "c", 60, 40)];
    const free = computeBradleyTerry(cells, { bootstrap: 50 });
    const anchored = computeBradleyTerry(cells, { bootstrap: 50, anchor: { model: "b", rating: 1200 } });
    expect(rating(anchored, "b")).toBeCloseTo(1200, 9);
    expect(rating(anchored, "a") - rating(anchored, "c")).toBeCloseTo(rating(free, "a") - rating(free, "c"), 9);
    expect(() => computeBradleyTerry(cells, { anchor: { model: "zz", rating: 1 } })).toThrow(/zz/);
  });

  test("the same data and seed give the same intervals; another seed other ones", () => {
    const cells = aggregateBattles(
      simulateBattles({ strengths: { a: 1050, b: 1000, c: 950 }, votes: 2000 }, seededRandom(1)),
    );
    const one = computeBradleyTerry(cells, { bootstrap: 200, seed: 7 });
    expect(computeBradleyTerry(cells, { bootstrap: 200, seed: 7 }).rows).toEqual(one.rows);
    expect(computeBradleyTerry(cells, { bootstrap: 200, seed: 8 }).rows).not.toEqual(one.rows);
    for (const row of one.rows) {
      expect(row.ciLow).toBeLessThan(row.rating);
      expect(row.ciHigh).toBeGreaterThan(row.rating);
    }
  });

  test("rank (UB) shares a rank among models whose intervals overlap", () => {
    const cells = [
      cell("top", "mid1", 900, 100),
      cell("top", "mid2", 900, 100),
      cell("mid1", "mid2", 500, 500),
      cell("mid1", "low", 900, 100),
      cell("mid2", "low", 900, 100),
    ];
    const ranks = Object.fromEntries(computeBradleyTerry(cells, { bootstrap: 300 }).rows.map((r) => [r.model, r.rank]));
    expect(ranks).toEqual({ top: 1, mid1: 2, mid2: 2, low: 4 });
  });

  test("a model with only wins or only losses has a finite point and an open interval on that side", () => {
    const result = computeBradleyTerry(
      [cell("winner", "x", 10, 0), cell("x", "loser", 10, 0), cell("winner", "loser", 5, 0)],
      { bootstrap: 100 },
    );
    for (const row of result.rows) expect(Number.isFinite(row.rating)).toBe(true);
    const bounds = Object.fromEntries(result.rows.map((r) => [r.model, [r.ciLow !== null, r.ciHigh !== null]]));
    // x lost to "winner" and beat "loser": Ford's condition fails for every model, each way.
    expect(bounds).toEqual({ winner: [true, false], x: [false, false], loser: [false, true] });
    expect(result.rows.map((r) => r.model)).toEqual(["winner", "x", "loser"]);
    // Finite and honest: each is provisional, and the side the votes bound is closed. The point
    // of a one-sided record comes from the ridge (λ = 10⁻⁶: about 4,700 points here), which is
    // why the home page shows provisional rows without a point value.
    for (const row of result.rows) expect(row.provisional).toBe(true);
    expect(rating(result, "winner") - rating(result, "loser")).toBeLessThan(6000);
  });

  test("names the groups of a disconnected comparison graph", () => {
    const result = computeBradleyTerry([cell("a", "b", 6, 4), cell("c", "d", 3, 7), cell("d", "e", 5, 5)], {
      bootstrap: 20,
    });
    expect(result.components).toEqual([
      ["c", "d", "e"],
      ["a", "b"],
    ]);
    expect(result.warnings.join()).toMatch(/2 groups.*c, d, e \| a, b/);
  });

  test("no votes gives an empty leaderboard, not an error", () => {
    const result = computeBradleyTerry([], { bootstrap: 10 });
    expect(result.rows).toEqual([]);
    expect(result.votes).toBe(0);
  });

  test("pair matrices and position bias", () => {
    const result = computeBradleyTerry([cell("a", "b", 30, 10, 5), cell("b", "a", 20, 20)], { bootstrap: 0 });
    const [i, j] = [result.models.indexOf("a"), result.models.indexOf("b")];
    expect(result.battleCounts[i]?.[j]).toBe(85);
    expect(result.winFractions[i]?.[j]).toBeCloseTo(50 / 80, 12);
    expect(result.winFractions[j]?.[i]).toBeCloseTo(30 / 80, 12);
    expect(result.positionBias.leftWinShare).toBeCloseTo(50 / 80, 12);
    expect(result.positionBias.decisiveVotes).toBe(80);
    expect(result.positionBias.ciLow).toBeLessThan(50 / 80);
    expect(result.positionBias.ciHigh).toBeGreaterThan(50 / 80);
  });
});
