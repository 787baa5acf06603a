import { describe, expect, test } from "vitest";
import { type SampledQuad, type SamplerPrompt, sampleQuad } from "@/lib/arena/sampler";
import { pairWeights } from "@/lib/arena/pair-weights";
import { estimateStrengths } from "@/lib/arena/strength-estimates";
import { seededRandom } from "@/lib/random";

/** `prompts` prompts, prompt p with one clip per model m0..m{models(p)-1}. */
function catalogue(prompts: number, models: (p: number) => number): SamplerPrompt[] {
  return Array.from({ length: prompts }, (_, p) => ({
    id: `p${p}`,
    clips: Array.from({ length: models(p) }, (_, m) => ({ id: `p${p}-m${m}`, modelId: `m${m}` })),
  }));
}

const noVotes = estimateStrengths([]);

function draw(
  prompts: SamplerPrompt[],
  draws: number,
  seed = 1,
  revealed: { promptId: string; modelId: string }[] = [],
) {
  const random = seededRandom(seed);
  return Array.from({ length: draws }, () => {
    const quad = sampleQuad({ prompts, posterior: noVotes, revealed }, random);
    if (!quad) throw new Error("no quad");
    return quad;
  });
}

const modelsOf = (quad: SampledQuad) => quad.clips.map((clip) => clip.modelId);

describe("sampleQuad (issue 32)", () => {
  test("draws four clips of one prompt from four different models, reproducibly", () => {
    const prompts = catalogue(6, () => 6);
    const quads = draw(prompts, 500, 3);
    expect(draw(prompts, 50, 3)).toEqual(quads.slice(0, 50));
    for (const quad of quads) {
      expect(new Set(modelsOf(quad)).size).toBe(4);
      for (const clip of quad.clips) expect(clip.id.startsWith(`${quad.promptId}-`)).toBe(true);
    }
  });

  test("never draws from a prompt with clips from fewer than four models; null when none has four", () => {
    const prompts = catalogue(6, (p) => (p % 2 === 0 ? 3 : 5));
    for (const quad of draw(prompts, 500, 4)) expect(Number(quad.promptId.slice(1)) % 2).toBe(1);
    expect(sampleQuad({ prompts: catalogue(4, () => 3), posterior: noVotes }, seededRandom(1))).toBeNull();
  });

  test("shuffles the sides: every model shows on every side", () => {
    const quads = draw(
      catalogue(4, () => 4),
      2_000,
      5,
    );
    for (let side = 0; side < 4; side += 1) {
      const counts = new Map<string, number>();
      for (const quad of quads) counts.set(modelsOf(quad)[side]!, (counts.get(modelsOf(quad)[side]!) ?? 0) + 1);
      // 2,000 draws over 4 models: 500 each expected; a fair shuffle stays within ±100 (over 4.5 sd).
      for (let m = 0; m < 4; m += 1) expect(Math.abs((counts.get(`m${m}`) ?? 0) - 500)).toBeLessThan(100);
    }
  });

  test("avoids models revealed to the voter on the prompt while enough fresh ones remain", () => {
    const prompts = catalogue(1, () => 6);
    const revealed = [
      { promptId: "p0", modelId: "m0" },
      { promptId: "p0", modelId: "m1" },
    ];
    for (const quad of draw(prompts, 300, 6, revealed)) {
      expect(modelsOf(quad)).not.toContain("m0");
      expect(modelsOf(quad)).not.toContain("m1");
    }
  });

  test("leans on the pairs the pair weights favour: a new model is in most quads", () => {
    // Five models with many votes among themselves and one with none: the widest interval is the
    // new model's, so the pair weights (lib/arena/pair-weights.ts) favour its pairs.
    const strengths = [0, 0.2, 0.4, 0.6, 0.8];
    const records = strengths.flatMap((a, i) =>
      strengths.slice(i + 1).map((b, j) => ({
        smaller: `m${i}`,
        larger: `m${i + j + 1}`,
        battles: 400,
        smallerScore: 400 / (1 + Math.exp(b - a)),
      })),
    );
    const posterior = estimateStrengths(records);
    const random = seededRandom(7);
    const prompts = catalogue(8, () => 6);
    let withNew = 0;
    const draws = 1_000;
    for (let i = 0; i < draws; i += 1) {
      const quad = sampleQuad({ prompts, posterior }, random);
      if (quad && modelsOf(quad).includes("m5")) withNew += 1;
    }
    // Uniform quads would include a given model in 4 of 6 models' worth: 2/3 of them.
    expect(withNew / draws).toBeGreaterThan(0.8);
  });

  test("draws each quad with the greedy law of the summed pair criterion W(S) = Σ w_ij (item 6)", () => {
    // Six models on one prompt with uneven votes, so the pair weights differ: m0…m3 well measured
    // and spread, m4 with a few votes, m5 with none.
    const strengths = [0, 0.5, 1, 1.5, 0.8];
    const battles = (i: number, j: number) => (i === 4 || j === 4 ? 15 : 300);
    const records = strengths.flatMap((a, i) =>
      strengths.slice(i + 1).map((b, offset) => {
        const j = i + offset + 1;
        return {
          smaller: `m${i}`,
          larger: `m${j}`,
          battles: battles(i, j),
          smallerScore: battles(i, j) / (1 + Math.exp(b - a)),
        };
      }),
    );
    const posterior = estimateStrengths(records);
    const models = Array.from({ length: 6 }, (_, m) => `m${m}`);
    const pairs: [number, number][] = [];
    for (let a = 0; a < 6; a += 1) for (let b = a + 1; b < 6; b += 1) pairs.push([a, b]);
    const weights = pairWeights(models, pairs, posterior);
    const w = (x: number, y: number) =>
      weights[pairs.findIndex(([a, b]) => a === Math.min(x, y) && b === Math.max(x, y))]!;
    const total = weights.reduce((sum, v) => sum + v, 0);
    // P(S) = Σ over S's first pair {a, b} and third model c of
    //   w_ab / Σ w · gain(c | {a, b}) / Σ_x gain(x | {a, b}) · gain(d | {a, b, c}) / Σ_x gain(x | {a, b, c}),
    // gain(x | T) = Σ_{t ∈ T} w_tx = W(T ∪ {x}) − W(T): the randomised greedy maximisation of W.
    const gain = (x: number, chosen: number[]) => chosen.reduce((sum, t) => sum + w(t, x), 0);
    const share = (x: number, chosen: number[]) =>
      gain(x, chosen) /
      [0, 1, 2, 3, 4, 5].filter((y) => !chosen.includes(y)).reduce((sum, y) => sum + gain(y, chosen), 0);
    const expected = new Map<string, number>();
    const summed = new Map<string, number>();
    for (const [a, b] of pairs) {
      for (let c = 0; c < 6; c += 1) {
        if (c === a || c === b) continue;
        for (let d = 0; d < 6; d += 1) {
          if ([a, b, c].includes(d)) continue;
          const key = [a, b, c, d].sort().join("");
          const p = (w(a, b) / total) * share(c, [a, b]) * share(d, [a, b, c]);
          expected.set(key, (expected.get(key) ?? 0) + p);
          const set = [a, b, c, d];
          summed.set(
            key,
            set.reduce((sum, x, i) => sum + set.slice(i + 1).reduce((s, y) => s + w(x, y), 0), 0),
          );
        }
      }
    }
    expect([...expected.values()].reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);

    const prompts = catalogue(1, () => 6);
    const random = seededRandom(11);
    const draws = 30_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i += 1) {
      const quad = sampleQuad({ prompts, posterior, maxPromptShare: 1 }, random);
      const key = modelsOf(quad!)
        .map((m) => m.slice(1))
        .sort()
        .join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, p] of expected) {
      const sd = Math.sqrt(draws * p * (1 - p));
      expect(Math.abs((counts.get(key) ?? 0) - draws * p)).toBeLessThan(4.5 * sd + 1);
    }
    // The quad with the largest summed criterion is the one drawn most often.
    const byW = [...summed.entries()].sort((x, y) => y[1] - x[1]);
    const byLaw = [...expected.entries()].sort((x, y) => y[1] - x[1]);
    expect(byLaw[0]![0]).toBe(byW[0]![0]);
    expect(byW[0]![1]).toBeGreaterThan(1.2 * byW[byW.length - 1]![1]);
  });
});
