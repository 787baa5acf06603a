import { describe, expect, test } from "vitest";
import { FLOOR_SHARE, pairWeights } from "@/lib/arena/pair-weights";
import { type SampledBattle, type SamplerInput, type SamplerPrompt, sampleBattle } from "@/lib/arena/sampler";
import { estimateStrengths, pairKey, type PairRecord } from "@/lib/arena/strength-estimates";
import { seededRandom } from "@/lib/random";

/** `prompts` prompts, each with one clip per model m0..m{models-1}. */
function catalogue(prompts: number, models: number): SamplerPrompt[] {
  return Array.from({ length: prompts }, (_, p) => ({
    id: `p${p}`,
    clips: Array.from({ length: models }, (_, m) => ({ id: `p${p}-m${m}`, modelId: `m${m}` })),
  }));
}

const noVotes = estimateStrengths([]);

function input(prompts: SamplerPrompt[], extra: Partial<SamplerInput> = {}): SamplerInput {
  return { prompts, posterior: noVotes, ...extra };
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
const involves = (battle: SampledBattle, model: string) =>
  battle.left.modelId === model || battle.right.modelId === model;

/** Expected vote counts of a Bradley-Terry world: `votes` per pair, strengths in nats. */
function recordsOf(strengths: Record<string, number>, votes: number): PairRecord[] {
  const models = Object.keys(strengths).sort();
  return models.flatMap((a, i) =>
    models.slice(i + 1).map((b) => ({
      smaller: a,
      larger: b,
      battles: votes,
      smallerScore: votes / (1 + Math.exp((strengths[b] as number) - (strengths[a] as number))),
    })),
  );
}

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

  test("reaches every pair, with at least the floor's share", () => {
    // 8 models far apart with many votes: most pairs look settled, only the floor keeps them in play.
    const strengths = Object.fromEntries(Array.from({ length: 8 }, (_, m) => [`m${m}`, m * 1.5]));
    const posterior = estimateStrengths(recordsOf(strengths, 2_000));
    const draws = 20_000;
    const counts = countBy(draw(input(catalogue(5, 8), { posterior }), draws, 14), pairOf);
    expect(counts.size).toBe(28);
    for (const n of counts.values()) expect(n / draws).toBeGreaterThan((0.8 * FLOOR_SHARE) / 28);
  });

  test("brings a model without votes up fast: it is in most battles", () => {
    const strengths = Object.fromEntries(Array.from({ length: 6 }, (_, m) => [`m${m}`, m * 0.3]));
    const posterior = estimateStrengths(recordsOf(strengths, 200));
    const battles = draw(input(catalogue(5, 7), { posterior }), 4_000, 15);
    // Uniform pairs would put m6 (no votes) in 2/7 of battles.
    expect(battles.filter((b) => involves(b, "m6")).length / battles.length).toBeGreaterThan(0.6);
  });

  test("spends more votes on an open order at the top than on the same gap at the bottom", () => {
    // Mirror-image strengths, all well measured: the width part sees the near-equal pairs at the top
    // (m0, m1) and the bottom (m4, m5) alike, so only the order part can tell them apart.
    const strengths = { m0: 1.5, m1: 1.45, m2: 0.5, m3: -0.5, m4: -1.45, m5: -1.5 };
    const posterior = estimateStrengths(recordsOf(strengths, 100));
    const counts = countBy(draw(input(catalogue(5, 6), { posterior }), 10_000, 16), pairOf);
    expect(counts.get(pairKey("m0", "m1")) ?? 0).toBeGreaterThan(1.25 * (counts.get(pairKey("m4", "m5")) ?? 0));
  });

  test("weighs the boundary between ranks 3 and 4 like the order within the top 3", () => {
    // Two near-ties of the same gap, well measured: ranks 1/2 (m0, m1) and ranks 3/4 (m2, m3).
    // Either decides whether the top 3 is right, so both get about the same votes.
    const strengths = { m0: 2, m1: 1.95, m2: 1, m3: 0.95, m4: 0, m5: -1, m6: -2, m7: -3 };
    const posterior = estimateStrengths(recordsOf(strengths, 100));
    const counts = countBy(draw(input(catalogue(5, 8), { posterior }), 10_000, 17), pairOf);
    const top = counts.get(pairKey("m0", "m1")) ?? 0;
    const boundary = counts.get(pairKey("m2", "m3")) ?? 0;
    expect(boundary).toBeGreaterThan(0.75 * top);
    // Uniform pairs would give each of the 28 pairs about 357 votes.
    expect(boundary).toBeGreaterThan(700);
  });

  test("chases an open order at the top only as far as the vote budget can settle it", () => {
    // The same posterior of a near-tie at the top (0.05 nats), read as resting on the 1,500 votes
    // it came from, or on a tenth of them: the smaller budget could not settle the pair, so the
    // order part gets a smaller share and the pair fewer votes.
    const models = ["m0", "m1", "m2", "m3", "m4", "m5"];
    const strengths = { m0: 1.5, m1: 1.45, m2: 0.5, m3: -0.5, m4: -1.45, m5: -1.5 };
    const posterior = estimateStrengths(recordsOf(strengths, 100));
    const candidates = models.flatMap((_, a) => models.slice(a + 1).map((__, b) => [a, a + 1 + b] as const));
    const topWeight = (votes: number) => pairWeights(models, candidates, { ...posterior, votes })[0] as number;
    expect(posterior.votes).toBe(1_500);
    expect(topWeight(1_500)).toBeGreaterThan(1.1 * topWeight(150));
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

  test("never shows a (prompt, model) already revealed to the voter while a fresh pair exists", () => {
    const prompts = catalogue(4, 4);
    // m0 was revealed on every prompt but p3; m1 on p0 and p1.
    const revealed = [
      ...["p0", "p1", "p2"].map((promptId) => ({ promptId, modelId: "m0" })),
      { promptId: "p0", modelId: "m1" },
      { promptId: "p1", modelId: "m1" },
      { promptId: "gone", modelId: "m9" },
    ];
    const isRevealed = (promptId: string, modelId: string) =>
      revealed.some((r) => r.promptId === promptId && r.modelId === modelId);
    const battles = draw(input(prompts, { revealed }), 3_000, 18);
    for (const battle of battles) {
      expect(isRevealed(battle.promptId, battle.left.modelId)).toBe(false);
      expect(isRevealed(battle.promptId, battle.right.modelId)).toBe(false);
    }
    // Every pair still has a fresh prompt (m0 only on p3), so all six pairs stay in play.
    expect(countBy(battles, pairOf).size).toBe(6);
    expect(battles.filter((b) => involves(b, "m0")).every((b) => b.promptId === "p3")).toBe(true);
  });

  test("falls back to revealed clips when nothing fresh is left, preferring one fresh side", () => {
    const prompts = catalogue(2, 2);
    const revealed = [
      { promptId: "p0", modelId: "m0" },
      { promptId: "p0", modelId: "m1" },
      { promptId: "p1", modelId: "m0" },
    ];
    const battles = draw(input(prompts, { revealed }), 200, 19);
    for (const battle of battles) expect(battle.promptId).toBe("p1");
    const all = draw(input(prompts, { revealed: [...revealed, { promptId: "p1", modelId: "m1" }] }), 400, 20);
    expect(new Set(all.map((b) => b.promptId))).toEqual(new Set(["p0", "p1"]));
  });
});
