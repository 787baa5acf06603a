import { describe, expect, test } from "vitest";
import { capPromptShares, MAX_PROMPT_SHARE } from "@/lib/arena/prompt-cap";
import { type SampledBattle, type SamplerPrompt, sampleBattle } from "@/lib/arena/sampler";
import { estimateStrengths, type PairRecord } from "@/lib/arena/strength-estimates";
import { seededRandom } from "@/lib/random";

const shares = (masses: number[], factors: Float64Array) => {
  const capped = masses.map((m, i) => m * (factors[i] as number));
  const total = capped.reduce((a, b) => a + b, 0);
  return capped.map((m) => m / total);
};

describe("capPromptShares", () => {
  test("leaves shares under the cap alone", () => {
    const masses = Array.from({ length: 20 }, (_, i) => 1 + (i % 3));
    expect([...capPromptShares(masses)]).toEqual(masses.map(() => 1));
  });

  test("cuts the largest prompts to exactly the cap and keeps the others' proportions", () => {
    const masses = [50, 30, ...Array.from({ length: 18 }, (_, i) => 1 + i / 10)];
    const after = shares(masses, capPromptShares(masses));
    expect(after[0]).toBeCloseTo(MAX_PROMPT_SHARE, 12);
    expect(after[1]).toBeCloseTo(MAX_PROMPT_SHARE, 12);
    expect(Math.max(...after)).toBeLessThanOrEqual(MAX_PROMPT_SHARE + 1e-12);
    // Unclipped prompts keep their ratios.
    expect((after[5] as number) / (after[2] as number)).toBeCloseTo((masses[5] as number) / (masses[2] as number), 12);
  });

  test("gives every prompt the same share when fewer than 1/cap prompts have mass", () => {
    const masses = [9, 3, 1, 0];
    const after = shares(masses, capPromptShares(masses));
    for (const share of after.slice(0, 3)) expect(share).toBeCloseTo(1 / 3, 12);
    expect(after[3]).toBe(0);
  });

  test("meets the cap on random masses of every size", () => {
    const random = seededRandom(3);
    for (let run = 0; run < 200; run += 1) {
      const n = 1 + Math.floor(random() * 60);
      const masses = Array.from({ length: n }, () => (random() < 0.1 ? 0 : Math.exp(6 * random())));
      const positive = masses.filter((m) => m > 0).length;
      if (positive === 0) continue;
      const after = shares(masses, capPromptShares(masses));
      expect(Math.max(...after)).toBeLessThanOrEqual(Math.max(MAX_PROMPT_SHARE, 1 / positive) + 1e-9);
    }
  });

  test("refuses a cap outside (0, 1]", () => {
    expect(() => capPromptShares([1], 0)).toThrow(RangeError);
    expect(() => capPromptShares([1], 1.5)).toThrow(RangeError);
  });
});

/** A catalogue whose weights concentrate: a new model (no votes) answered only prompt p0. */
function concentratingWorld(prompts: number) {
  const catalogue: SamplerPrompt[] = Array.from({ length: prompts }, (_, p) => ({
    id: `p${p}`,
    clips: [
      ...Array.from({ length: 6 }, (_, m) => ({ id: `p${p}-m${m}`, modelId: `m${m}` })),
      ...(p === 0 ? [{ id: "p0-new", modelId: "new" }] : []),
    ],
  }));
  const models = Array.from({ length: 6 }, (_, m) => `m${m}`);
  const records: PairRecord[] = models.flatMap((a, i) =>
    models.slice(i + 1).map((b) => ({ smaller: a, larger: b, battles: 500, smallerScore: 250 })),
  );
  return { catalogue, posterior: estimateStrengths(records) };
}

function promptShares(battles: SampledBattle[]): number[] {
  const counts = new Map<string, number>();
  for (const b of battles) counts.set(b.promptId, (counts.get(b.promptId) ?? 0) + 1);
  return [...counts.values()].map((c) => c / battles.length);
}

describe("sampleBattle's prompt cap", () => {
  test("keeps any one prompt at most MAX_PROMPT_SHARE of battles where the weights concentrate", () => {
    const { catalogue, posterior } = concentratingWorld(20);
    const random = seededRandom(21);
    const draws = 20_000;
    const battles = Array.from({ length: draws }, () => sampleBattle({ prompts: catalogue, posterior }, random)!);
    const max = Math.max(...promptShares(battles));
    // The realised share's sampling error at 10% over 20,000 draws is 0.2 points (3 sd ≈ 0.6).
    expect(max).toBeLessThan(MAX_PROMPT_SHARE + 0.006);
    // The cap binds here: the new model's pairs still get p0's full capped share.
    expect(max).toBeGreaterThan(MAX_PROMPT_SHARE - 0.006);
    // …and the new model is still served there more than a uniform pair draw would.
    const withNew = battles.filter((b) => b.left.modelId === "new" || b.right.modelId === "new").length / draws;
    expect(withNew).toBeGreaterThan(0.02);
  });

  test("spreads a pool of fewer than 1/MAX_PROMPT_SHARE prompts evenly", () => {
    const { catalogue, posterior } = concentratingWorld(5);
    const random = seededRandom(22);
    const battles = Array.from({ length: 10_000 }, () => sampleBattle({ prompts: catalogue, posterior }, random)!);
    for (const share of promptShares(battles)) expect(Math.abs(share - 0.2)).toBeLessThan(0.015);
  });
});
