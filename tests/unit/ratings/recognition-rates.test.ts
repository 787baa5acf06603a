import { describe, expect, it } from "vitest";
import { computeRecognitionRates, type RecognitionAnswer } from "@/lib/ratings/recognition-rates";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";
import { seededRandom } from "@/lib/random";

const MODELS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];

/**
 * Surveys with a known truth: each battle draws two of MODELS; the voter recognises a model of
 * the battle with probability `recognise[model]` (and then names it), else names a candidate at
 * random with probability `guess`, else answers "neither". Candidates: every model (6).
 */
function simulate(n: number, recognise: Record<string, number>, guess: number, seed: number): RecognitionAnswer[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: n }, () => {
    const modelA = pick(MODELS);
    const modelB = pick(MODELS.filter((m) => m !== modelA));
    const known = [modelA, modelB].find((model) => random() < (recognise[model] ?? 0));
    const named = known ?? (random() < guess ? pick(MODELS) : null);
    return { modelA, modelB, named, candidates: MODELS.length };
  });
}

describe("identification rates from the recognition survey", () => {
  it("counts, per model, the answers on its battles that named it, with Wilson intervals and chance 1 / candidates", () => {
    const answers: RecognitionAnswer[] = [
      { modelA: "a", modelB: "b", named: "a", candidates: 4 },
      { modelA: "a", modelB: "c", named: null, candidates: 4 },
      { modelA: "b", modelB: "a", named: "c", candidates: 2 }, // named a model not in the battle
      { modelA: "c", modelB: "b", named: "b", candidates: 4, count: 3 },
    ];
    const rows = computeRecognitionRates(answers);
    expect(rows.map((row) => row.model)).toEqual(["a", "b", "c", "any"]);
    const [a, b, c, any] = rows;
    expect(a?.answers).toBe(3);
    expect(a?.identified).toEqual(wilsonInterval(1, 3));
    expect(a?.chance).toBeCloseTo((1 / 4 + 1 / 4 + 1 / 2) / 3, 12);
    expect(b?.answers).toBe(5);
    expect(b?.identified).toEqual(wilsonInterval(3, 5));
    expect(b?.chance).toBeCloseTo((1 / 4 + 1 / 2 + 3 / 4) / 5, 12);
    expect(c?.answers).toBe(4);
    expect(c?.identified.share).toBe(0);
    // "any": named either model of its battle; chance 2 / candidates.
    expect(any?.answers).toBe(6);
    expect(any?.identified).toEqual(wilsonInterval(4, 6));
    expect(any?.chance).toBeCloseTo((2 / 4 + 2 / 4 + 2 / 2 + (3 * 2) / 4) / 6, 12);
    expect(b?.aboveChance).toBe((b?.identified.ciLow ?? 0) > (b?.chance ?? 1));
    // Grouped counts give exactly what one answer per row gives.
    const ungrouped = answers.flatMap(({ count = 1, ...answer }) => Array.from({ length: count }, () => answer));
    expect(computeRecognitionRates(ungrouped)).toEqual(rows);
  });

  it("gives nothing for no answers and refuses answers that are not a survey's", () => {
    expect(computeRecognitionRates([])).toEqual([]);
    expect(() => computeRecognitionRates([{ modelA: "a", modelB: "b", named: null, candidates: 1 }])).toThrow(
      RangeError,
    );
    expect(() => computeRecognitionRates([{ modelA: "a", modelB: "a", named: null, candidates: 3 }])).toThrow(
      RangeError,
    );
  });

  it("blind voters who guess stay at chance: no model is called above chance (simulation, 20 seeds)", () => {
    let above = 0;
    let covered = 0;
    let rows = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      // Always naming someone at random: each model of the battle is named with probability 1/6.
      for (const row of computeRecognitionRates(simulate(3000, {}, 1, seed))) {
        rows += 1;
        if (row.aboveChance) above += 1;
        if (row.identified.ciLow <= row.chance && row.chance <= row.identified.ciHigh) covered += 1;
      }
    }
    // 95% intervals cover the true rate (chance itself) about 95% of the time; one-sided misses ≈ 2.5%.
    expect(covered / rows).toBeGreaterThan(0.9);
    expect(above / rows).toBeLessThan(0.06);
  });

  it("finds the one model voters can tell, and only it (simulation)", () => {
    const rows = computeRecognitionRates(simulate(6000, { gamma: 0.5 }, 0.3, 7));
    const gamma = rows.find((row) => row.model === "gamma");
    expect(gamma?.aboveChance).toBe(true);
    // True rate for gamma: 0.5 + 0.5 × (probability it is guessed) ≈ 0.5 + 0.5 × 0.3 × (1/6) ≈ 0.53.
    expect(gamma?.identified.ciLow).toBeLessThan(0.56);
    expect(gamma?.identified.ciHigh).toBeGreaterThan(0.5);
    for (const row of rows.filter((r) => r.model !== "gamma" && r.model !== "any")) expect(row.aboveChance).toBe(false);
    // Either model: one model in three is told apart, and "neither" answers count as not naming,
    // so the overall share (≈ 0.25) stays under the always-guessing chance of 2/6.
    expect(rows.find((row) => row.model === "any")?.aboveChance).toBe(false);
  });
});
