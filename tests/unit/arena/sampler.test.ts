import { describe, expect, test } from "vitest";
import { type PairStats, pairKey, type SamplerInput, type SamplerPrompt, sampleBattle } from "@/lib/arena/sampler";
import { seededRandom } from "@/lib/random";

/** `prompts` prompts, each with one clip per model m0..m{models-1}. */
function catalogue(prompts: number, models: number): SamplerPrompt[] {
  return Array.from({ length: prompts }, (_, p) => ({
    id: `p${p}`,
    clips: Array.from({ length: models }, (_, m) => ({ id: `p${p}-m${m}`, modelId: `m${m}` })),
  }));
}

function input(prompts: SamplerPrompt[], extra: Partial<SamplerInput> = {}): SamplerInput {
  return { prompts, modelVotes: new Map(), pairStats: new Map(), ...extra };
}

function countPairs(base: SamplerInput, draws: number, seed = 1): Map<string, number> {
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i += 1) {
    const battle = sampleBattle(base, random);
    if (!battle) throw new Error("no battle");
    const key = pairKey(battle.left.modelId, battle.right.modelId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("sampleBattle", () => {
  test("is deterministic under a seed", () => {
    const base = input(catalogue(7, 6));
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => sampleBattle(base, random));
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  test("draws two clips of one prompt from two different models", () => {
    const prompts = catalogue(7, 6);
    const random = seededRandom(9);
    for (let i = 0; i < 500; i += 1) {
      const battle = sampleBattle(input(prompts), random);
      expect(battle).not.toBeNull();
      const prompt = prompts.find((p) => p.id === battle?.promptId);
      expect(prompt?.clips).toContain(battle?.left);
      expect(prompt?.clips).toContain(battle?.right);
      expect(battle?.left.modelId).not.toBe(battle?.right.modelId);
    }
  });

  test("puts each model on the left about half the time", () => {
    const random = seededRandom(5);
    let m0Left = 0;
    const draws = 4000;
    for (let i = 0; i < draws; i += 1)
      if (sampleBattle(input(catalogue(3, 2)), random)?.left.modelId === "m0") m0Left += 1;
    expect(m0Left / draws).toBeGreaterThan(0.47);
    expect(m0Left / draws).toBeLessThan(0.53);
  });

  test("never repeats the previous pair, unless it is the only one", () => {
    const random = seededRandom(11);
    const previousPair = ["m2", "m0"] as const;
    for (let i = 0; i < 500; i += 1) {
      const battle = sampleBattle(input(catalogue(4, 3), { previousPair }), random);
      expect(pairKey(battle!.left.modelId, battle!.right.modelId)).not.toBe(pairKey("m0", "m2"));
    }
    const only = sampleBattle(input(catalogue(2, 2), { previousPair: ["m0", "m1"] }), random);
    expect(only && pairKey(only.left.modelId, only.right.modelId)).toBe(pairKey("m0", "m1"));
  });

  test("reaches every pair", () => {
    const counts = countPairs(input(catalogue(5, 8)), 5000);
    expect(counts.size).toBe((8 * 7) / 2);
  });

  test("favours uncertain pairs over settled ones", () => {
    const settled: PairStats = { battles: 10_000, winShare: 0.99 };
    const counts = countPairs(
      input(catalogue(5, 3), {
        pairStats: new Map([[pairKey("m0", "m1"), settled]]),
        modelVotes: new Map([
          ["m0", 100],
          ["m1", 100],
          ["m2", 100],
        ]),
      }),
      6000,
    );
    const settledDraws = counts.get(pairKey("m0", "m1")) ?? 0;
    const openDraws = counts.get(pairKey("m0", "m2")) ?? 0;
    expect(openDraws).toBeGreaterThan(3 * settledDraws);
    expect(settledDraws).toBeGreaterThan(0);
  });

  test("favours models with few votes", () => {
    // m1 and m2 have met 5,000 times; m0 is new.
    const counts = countPairs(
      input(catalogue(5, 3), {
        modelVotes: new Map([
          ["m0", 0],
          ["m1", 5000],
          ["m2", 5000],
        ]),
        pairStats: new Map([[pairKey("m1", "m2"), { battles: 5000, winShare: 0.5 }]]),
      }),
      6000,
    );
    const withNewcomer = (counts.get(pairKey("m0", "m1")) ?? 0) + (counts.get(pairKey("m0", "m2")) ?? 0);
    const without = counts.get(pairKey("m1", "m2")) ?? 0;
    expect(withNewcomer / 2).toBeGreaterThan(2 * without);
  });

  test("returns null when no prompt has clips from two models", () => {
    expect(sampleBattle(input([]), seededRandom(1))).toBeNull();
    const sameModel: SamplerPrompt[] = [
      {
        id: "p",
        clips: [
          { id: "c1", modelId: "m0" },
          { id: "c2", modelId: "m0" },
        ],
      },
    ];
    expect(sampleBattle(input(sameModel), seededRandom(1))).toBeNull();
  });

  test("picks among several clips of a model uniformly", () => {
    const prompts: SamplerPrompt[] = [
      {
        id: "p",
        clips: [
          { id: "a1", modelId: "a" },
          { id: "a2", modelId: "a" },
          { id: "b1", modelId: "b" },
        ],
      },
    ];
    const random = seededRandom(2);
    let a1 = 0;
    for (let i = 0; i < 4000; i += 1) {
      const battle = sampleBattle(input(prompts), random);
      if (battle?.left.id === "a1" || battle?.right.id === "a1") a1 += 1;
    }
    expect(a1 / 4000).toBeGreaterThan(0.46);
    expect(a1 / 4000).toBeLessThan(0.54);
  });
});
