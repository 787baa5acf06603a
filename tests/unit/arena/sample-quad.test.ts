import { describe, expect, test } from "vitest";
import { type SampledQuad, type SamplerPrompt, sampleQuad } from "@/lib/arena/sampler";
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
});
