import { describe, expect, test } from "vitest";
import {
  type PairStats,
  pairKey,
  pairPriority,
  type SampledBattle,
  type SamplerInput,
  type SamplerPrompt,
  sampleBattle,
} from "@/lib/arena/sampler";
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

function draw(base: SamplerInput, draws: number, seed = 1): SampledBattle[] {
  const random = seededRandom(seed);
  return Array.from({ length: draws }, () => {
    const battle = sampleBattle(base, random);
    if (!battle) throw new Error("no battle");
    return battle;
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const pairOf = (battle: SampledBattle) => pairKey(battle.left.modelId, battle.right.modelId);

/** Same statistics for every pair of m0..m{models-1}. */
function uniformPairStats(models: number, stats: PairStats): Map<string, PairStats> {
  const map = new Map<string, PairStats>();
  for (let a = 0; a < models; a += 1) for (let b = a + 1; b < models; b += 1) map.set(pairKey(`m${a}`, `m${b}`), stats);
  return map;
}

describe("pairKey", () => {
  test("ignores order and keeps distinct pairs apart", () => {
    expect(pairKey("a", "b")).toBe(pairKey("b", "a"));
    expect(pairKey("a", "bc")).not.toBe(pairKey("ab", "c"));
  });
});

describe("pairPriority", () => {
  const votes = (n: number) =>
    new Map([
      ["a", n],
      ["b", n],
    ]);

  test("is 3 for a pair never compared between two models without votes", () => {
    expect(pairPriority(input([]), "a", "b")).toBe(3);
  });

  test("is small for a settled pair of well-voted models, and symmetric", () => {
    const stats = {
      modelVotes: votes(100),
      pairStats: new Map([[pairKey("a", "b"), { battles: 10_000, winShare: 0.99 }]]),
    };
    // uncertainty 4·p̂(1−p̂)/√10001 ≈ 0.0004, exploration 2/√101 ≈ 0.1990
    expect(pairPriority(stats, "a", "b")).toBeCloseTo(0.1994, 4);
    expect(pairPriority(stats, "b", "a")).toBe(pairPriority(stats, "a", "b"));
  });

  test("keeps uncertainty after one lopsided vote, and ranks close pairs above lopsided ones", () => {
    const after = (winShare: number, battles: number) =>
      pairPriority(
        { modelVotes: votes(1e12), pairStats: new Map([[pairKey("a", "b"), { battles, winShare }]]) },
        "a",
        "b",
      );
    // p̂ = 2/3 after one win: 4·(2/3)(1/3)/√2 ≈ 0.629, not 0
    expect(after(1, 1)).toBeCloseTo(0.6285, 3);
    expect(after(0.5, 100)).toBeGreaterThan(2 * after(0.95, 100));
  });

  test("reads negative or non-finite statistics as absent", () => {
    const stats = {
      modelVotes: new Map([
        ["a", -5],
        ["b", Number.NaN],
      ]),
      pairStats: new Map([[pairKey("a", "b"), { battles: -3, winShare: Number.NaN }]]),
    };
    expect(pairPriority(stats, "a", "b")).toBe(3);
  });
});

describe("sampleBattle", () => {
  test("is deterministic under a seed", () => {
    const base = input(catalogue(7, 6));
    expect(draw(base, 50, 3)).toEqual(draw(base, 50, 3));
    expect(draw(base, 50, 3)).not.toEqual(draw(base, 50, 4));
  });

  test("draws two clips of one prompt from two different models", () => {
    // Sparse catalogue: prompt p has models p%5 .. p%5+2 only.
    const prompts = catalogue(10, 7).map((prompt, p) => ({
      ...prompt,
      clips: prompt.clips.filter((_, m) => m >= p % 5 && m <= (p % 5) + 2),
    }));
    for (const battle of draw(input(prompts), 1000, 9)) {
      const prompt = prompts.find((p) => p.id === battle.promptId);
      expect(prompt?.clips).toContain(battle.left);
      expect(prompt?.clips).toContain(battle.right);
      expect(battle.left.modelId).not.toBe(battle.right.modelId);
    }
  });

  test("only pairs models that share a prompt", () => {
    const prompts: SamplerPrompt[] = [
      {
        id: "p0",
        clips: [
          { id: "c0", modelId: "m0" },
          { id: "c1", modelId: "m1" },
        ],
      },
      {
        id: "p1",
        clips: [
          { id: "c2", modelId: "m1" },
          { id: "c3", modelId: "m2" },
        ],
      },
    ];
    const counts = countBy(draw(input(prompts), 600), pairOf);
    expect([...counts.keys()].sort()).toEqual([pairKey("m0", "m1"), pairKey("m1", "m2")].sort());
  });

  test("draws the prompt uniformly among those both models have", () => {
    // m0 and m1 share p0..p3; p4 has m0 and m2 only.
    const prompts = catalogue(5, 2);
    prompts[4] = {
      id: "p4",
      clips: [
        { id: "x0", modelId: "m0" },
        { id: "x2", modelId: "m2" },
      ],
    };
    const shared = draw(input(prompts), 8000, 6).filter((b) => pairOf(b) === pairKey("m0", "m1"));
    const counts = countBy(shared, (b) => b.promptId);
    expect([...counts.keys()].sort()).toEqual(["p0", "p1", "p2", "p3"]);
    for (const n of counts.values()) {
      expect(n / shared.length).toBeGreaterThan(0.22);
      expect(n / shared.length).toBeLessThan(0.28);
    }
  });

  test("puts each model on the left about half the time", () => {
    const battles = draw(input(catalogue(3, 4)), 6000, 5);
    for (const [pair, battlesOfPair] of countBy(battles, pairOf)) {
      const [smaller] = pair.split("\u0000");
      const ofPair = battles.filter((b) => pairOf(b) === pair);
      const smallerLeft = ofPair.filter((b) => b.left.modelId === smaller).length;
      expect(ofPair.length).toBe(battlesOfPair);
      expect(smallerLeft / battlesOfPair).toBeGreaterThan(0.44);
      expect(smallerLeft / battlesOfPair).toBeLessThan(0.56);
    }
    const m0Left = battles.filter((b) => b.left.modelId === "m0").length;
    const m0Any = battles.filter((b) => b.left.modelId === "m0" || b.right.modelId === "m0").length;
    expect(m0Left / m0Any).toBeGreaterThan(0.47);
    expect(m0Left / m0Any).toBeLessThan(0.53);
  });

  test("never repeats the previous pair, given in either order", () => {
    for (const previousPair of [
      ["m2", "m0"],
      ["m0", "m2"],
    ] as const) {
      const counts = countBy(draw(input(catalogue(4, 3), { previousPair }), 500, 11), pairOf);
      expect(counts.has(pairKey("m0", "m2"))).toBe(false);
      expect(counts.size).toBe(2);
    }
  });

  test("repeats the previous pair when it is the only pair there is", () => {
    const battles = draw(input(catalogue(3, 2), { previousPair: ["m1", "m0"] }), 20, 12);
    for (const battle of battles) expect(pairOf(battle)).toBe(pairKey("m0", "m1"));
  });

  test("ignores a previous pair that is not in the catalogue", () => {
    const counts = countBy(draw(input(catalogue(2, 3), { previousPair: ["m0", "gone"] }), 600, 13), pairOf);
    expect(counts.size).toBe(3);
  });

  test("reaches every pair, with at least about 1/11 of a uniform share", () => {
    // 8 models, 28 pairs, all with a million votes; every pair with m7 looks settled, so its
    // priority is almost 0 and only the floor keeps it in play.
    const pairStats = uniformPairStats(8, { battles: 20, winShare: 0.5 });
    for (let m = 0; m < 7; m += 1) pairStats.set(pairKey(`m${m}`, "m7"), { battles: 100_000, winShare: 0.999 });
    const modelVotes = new Map(Array.from({ length: 8 }, (_, m) => [`m${m}`, 1_000_000]));
    const draws = 20_000;
    const counts = countBy(draw(input(catalogue(5, 8), { pairStats, modelVotes }), draws, 14), pairOf);
    expect(counts.size).toBe(28);
    const floorShare = 1 / (11 * 28);
    for (const n of counts.values()) expect(n / draws).toBeGreaterThan(0.7 * floorShare);
    // ...yet the settled pairs get clearly less than a uniform share.
    expect((counts.get(pairKey("m0", "m7")) ?? 0) / draws).toBeLessThan(0.3 / 28);
  });

  test("draws a never-compared pair far more often than a settled one", () => {
    const settled: PairStats = { battles: 10_000, winShare: 0.99 };
    const modelVotes = new Map([
      ["m0", 100],
      ["m1", 100],
      ["m2", 100],
    ]);
    const pairStats = new Map([[pairKey("m0", "m1"), settled]]);
    const draws = 6000;
    const counts = countBy(draw(input(catalogue(5, 3), { pairStats, modelVotes }), draws), pairOf);
    const settledDraws = counts.get(pairKey("m0", "m1")) ?? 0;
    const openDraws = counts.get(pairKey("m0", "m2")) ?? 0;
    // Weights 0.29 vs 1.29 and 1.29: about 10% for the settled pair.
    expect(settledDraws / draws).toBeGreaterThan(0.08);
    expect(settledDraws / draws).toBeLessThan(0.12);
    expect(openDraws).toBeGreaterThan(3 * settledDraws);
  });

  test("draws a model with few votes more often than models with many", () => {
    // Every pair has the same record; only the models' vote counts differ.
    const pairStats = uniformPairStats(4, { battles: 50, winShare: 0.5 });
    const modelVotes = new Map([
      ["m0", 10],
      ["m1", 10_000],
      ["m2", 10_000],
      ["m3", 10_000],
    ]);
    const battles = draw(input(catalogue(5, 4), { pairStats, modelVotes }), 6000, 15);
    const withM0 = battles.filter((b) => b.left.modelId === "m0" || b.right.modelId === "m0").length;
    // Uniform pairs would give m0 half the battles; the weights (0.48 vs 0.19) give it about 72%.
    expect(withM0 / battles.length).toBeGreaterThan(0.66);
    expect(withM0 / battles.length).toBeLessThan(0.78);
    const counts = countBy(battles, pairOf);
    expect(counts.get(pairKey("m0", "m3")) ?? 0).toBeGreaterThan(2 * (counts.get(pairKey("m1", "m2")) ?? 0));
  });

  test("returns null when no prompt has clips from two models", () => {
    const random = seededRandom(1);
    expect(sampleBattle(input([]), random)).toBeNull();
    expect(sampleBattle(input([{ id: "empty", clips: [] }]), random)).toBeNull();
    const sameModel = {
      id: "same",
      clips: [
        { id: "c1", modelId: "m0" },
        { id: "c2", modelId: "m0" },
      ],
    };
    expect(sampleBattle(input([sameModel]), random)).toBeNull();
    // Both models exist, but never on the same prompt.
    const apart = [
      { id: "p0", clips: [{ id: "c0", modelId: "m0" }] },
      { id: "p1", clips: [{ id: "c1", modelId: "m1" }] },
    ];
    expect(sampleBattle(input(apart), random)).toBeNull();
  });

  test("ignores a prompt whose clips are all from one model", () => {
    const prompts: SamplerPrompt[] = [
      {
        id: "same",
        clips: [
          { id: "s1", modelId: "m0" },
          { id: "s2", modelId: "m0" },
          { id: "s3", modelId: "m0" },
        ],
      },
      ...catalogue(1, 2),
    ];
    for (const battle of draw(input(prompts), 300, 16)) expect(battle.promptId).toBe("p0");
  });

  test("picks among several clips of a model uniformly", () => {
    const prompts: SamplerPrompt[] = [
      {
        id: "p",
        clips: [
          { id: "a1", modelId: "a" },
          { id: "b1", modelId: "b" },
          { id: "a2", modelId: "a" },
          { id: "a3", modelId: "a" },
        ],
      },
    ];
    const draws = 6000;
    const counts = countBy(draw(input(prompts), draws, 2), (b) => (b.left.modelId === "a" ? b.left.id : b.right.id));
    expect([...counts.keys()].sort()).toEqual(["a1", "a2", "a3"]);
    for (const n of counts.values()) {
      expect(n / draws).toBeGreaterThan(0.3);
      expect(n / draws).toBeLessThan(0.37);
    }
  });
});
