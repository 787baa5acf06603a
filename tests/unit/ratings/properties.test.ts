import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { aggregateBattles, computeBradleyTerry, computeElo, type RatedBattle, type Winner } from "@/lib/ratings";
import { simulateBattles } from "@/lib/ratings/simulate";

const MODELS = ["a", "b", "c", "d"];
const battleArb = fc
  .record({
    i: fc.integer({ min: 0, max: 3 }),
    j: fc.integer({ min: 0, max: 2 }),
    winner: fc.constantFrom<Winner>("model_a", "model_b", "tie", "tie (bothbad)"),
  })
  .map(({ i, j, winner }): RatedBattle => ({
    modelA: MODELS[i] as string,
    modelB: MODELS[j >= i ? j + 1 : j] as string,
    winner,
  }));
const battlesArb = fc.array(battleArb, { minLength: 1, maxLength: 60 });

const ratingsOf = (battles: RatedBattle[]) =>
  Object.fromEntries(
    computeBradleyTerry(aggregateBattles(battles), { bootstrap: 20, seed: 1 }).rows.map((r) => [
      r.model,
      [r.rating, r.ciLow ?? -Infinity, r.ciHigh ?? Infinity],
    ]),
  );
const close = (x: Record<string, number[]>, y: Record<string, number[]>) => {
  expect(Object.keys(x).sort()).toEqual(Object.keys(y).sort());
  for (const [model, values] of Object.entries(x))
    values.forEach((v, k) => expect(v).toBeCloseTo((y[model] as number[])[k] as number, 6));
};
const SWAP: Record<Winner, Winner> = {
  model_a: "model_b",
  model_b: "model_a",
  tie: "tie",
  "tie (bothbad)": "tie (bothbad)",
};

describe("Bradley-Terry properties", () => {
  test("the order of the votes does not matter", () => {
    fc.assert(
      fc.property(battlesArb, fc.integer(), (battles, seed) => {
        const shuffled = [...battles];
        const random = seededRandom(seed);
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j] as RatedBattle, shuffled[i] as RatedBattle];
        }
        close(ratingsOf(battles), ratingsOf(shuffled));
      }),
      { numRuns: 60 },
    );
  });

  test("swapping the sides of every vote changes no rating", () => {
    fc.assert(
      fc.property(battlesArb, (battles) => {
        const swapped = battles.map((b) => ({ modelA: b.modelB, modelB: b.modelA, winner: SWAP[b.winner] }));
        close(ratingsOf(battles), ratingsOf(swapped));
      }),
      { numRuns: 60 },
    );
  });

  test("adding a constant to every true strength changes nothing after anchoring", () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 1000 }), (shift, seed) => {
        const strengths = { a: 1100, b: 1000, c: 950 };
        const shifted = Object.fromEntries(Object.entries(strengths).map(([m, s]) => [m, s + shift]));
        const fit = (truth: Record<string, number>) =>
          computeBradleyTerry(aggregateBattles(simulateBattles({ strengths: truth, votes: 400 }, seededRandom(seed))), {
            bootstrap: 20,
            anchor: { model: "b", rating: 1000 },
          }).rows;
        const [x, y] = [fit(strengths), fit(shifted)];
        x.forEach((row, i) => {
          expect(row.model).toBe(y[i]?.model);
          expect(row.rating).toBeCloseTo(y[i]?.rating as number, 6);
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe("computeElo", () => {
  test("one win moves each side by K/2 from 1000", () => {
    const result = computeElo([{ modelA: "a", modelB: "b", winner: "model_a" }], { k: 4, bootstrap: 0 });
    expect(result.rows.map((r) => [r.model, r.rating])).toEqual([
      ["a", 1002],
      ["b", 998],
    ]);
  });

  test("is order-dependent, unlike Bradley-Terry, and seeded", () => {
    const battles: RatedBattle[] = [
      { modelA: "a", modelB: "b", winner: "model_a" },
      { modelA: "a", modelB: "b", winner: "model_b" },
    ];
    const forward = computeElo(battles, { bootstrap: 0 }).rows.find((r) => r.model === "a")?.rating;
    const backward = computeElo([...battles].reverse(), { bootstrap: 0 }).rows.find((r) => r.model === "a")?.rating;
    expect(forward).not.toBe(backward);
    const sim = [...simulateBattles({ strengths: { a: 1100, b: 1000, c: 900 }, votes: 3000 }, seededRandom(4))];
    expect(computeElo(sim, { bootstrap: 30, seed: 3 }).rows).toEqual(computeElo(sim, { bootstrap: 30, seed: 3 }).rows);
    expect(computeElo(sim, { bootstrap: 30 }).rows.map((r) => r.model)).toEqual(["a", "b", "c"]);
  });
});
