/**
 * Pair sampling for blind battles.
 *
 * Rule: pick a model pair first, among all pairs that share at least one servable prompt, with
 * weight
 *
 *     w(a, b) = uncertainty(a, b) + exploration(a) + exploration(b) + FLOOR
 *     uncertainty = 4·p(1−p) / sqrt(1 + n)      (p: current win share, n: battles of the pair)
 *     exploration = 1 / sqrt(1 + votes(model))
 *
 * then a prompt uniformly among the prompts both models have clips for, then one clip per model
 * uniformly, then the sides by a fair coin.
 *
 * Why: LMArena samples pairs with weights that favour new models and pairs whose order is still
 * open, and K-Sort Arena explores with an upper-confidence bonus that shrinks like 1/sqrt(n). The
 * uncertainty term is largest for close, rarely compared pairs (p near ½, small n), so votes go
 * where they move the ranking most; the exploration term gives new models votes quickly; the
 * floor keeps every pair reachable, so the comparison graph stays connected and no pair is ever
 * starved. Choosing the pair before the prompt keeps a model with clips on many prompts from
 * being over-sampled.
 */
import type { Random } from "../random";

export interface SamplerClip {
  id: string;
  modelId: string;
}

export interface SamplerPrompt {
  id: string;
  clips: SamplerClip[];
}

export interface PairStats {
  /** Votes between the two models, on either side. */
  battles: number;
  /** Win share of the lexicographically smaller model id, ties as half, 0..1. */
  winShare: number;
}

export interface SamplerInput {
  prompts: SamplerPrompt[];
  modelVotes: ReadonlyMap<string, number>;
  pairStats: ReadonlyMap<string, PairStats>;
  /** Model ids of this voter's previous battle, in any order. */
  previousPair?: readonly [string, string];
}

export interface SampledBattle {
  promptId: string;
  left: SamplerClip;
  right: SamplerClip;
}

/** A model pair and the prompts where both models have clips. */
interface PairPrompts {
  models: [string, string];
  prompts: { id: string; clipsByModel: Map<string, SamplerClip[]> }[];
}

/** Weight every pair keeps, whatever its statistics. */
const FLOOR = 0.05;

/** Order-independent key of a model pair. */
export function pairKey(modelA: string, modelB: string): string {
  return modelA < modelB ? `${modelA}\u0000${modelB}` : `${modelB}\u0000${modelA}`;
}

/** The sampling weight of a pair (see the rule above). */
export function pairWeight(input: SamplerInput, modelA: string, modelB: string): number {
  const stats = input.pairStats.get(pairKey(modelA, modelB));
  const n = stats?.battles ?? 0;
  const p = stats?.winShare ?? 0.5;
  const explore = (model: string) => 1 / Math.sqrt(1 + (input.modelVotes.get(model) ?? 0));
  return (4 * p * (1 - p)) / Math.sqrt(1 + n) + explore(modelA) + explore(modelB) + FLOOR;
}

function pickUniform<T>(items: readonly T[], random: Random): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;
}

/**
 * Picks a battle: two clips of one prompt from two different models, weighted as described above,
 * never the voter's previous pair unless it is the only pair there is. Null when no prompt has
 * clips from two models. Deterministic for a seeded `random`.
 */
export function sampleBattle(input: SamplerInput, random: Random): SampledBattle | null {
  // One pass: for each pair of models, the prompts where both have a clip.
  const promptsByPair = new Map<string, PairPrompts>();
  for (const prompt of input.prompts) {
    const clipsByModel = new Map<string, SamplerClip[]>();
    for (const clip of prompt.clips) clipsByModel.set(clip.modelId, [...(clipsByModel.get(clip.modelId) ?? []), clip]);
    const models = [...clipsByModel.keys()].sort();
    for (let i = 0; i < models.length; i += 1) {
      for (let j = i + 1; j < models.length; j += 1) {
        const a = models[i] as string;
        const b = models[j] as string;
        const key = pairKey(a, b);
        const entry = promptsByPair.get(key) ?? { models: [a, b], prompts: [] };
        entry.prompts.push({ id: prompt.id, clipsByModel });
        promptsByPair.set(key, entry);
      }
    }
  }
  if (promptsByPair.size === 0) return null;

  const previous = input.previousPair ? pairKey(input.previousPair[0], input.previousPair[1]) : null;
  // Sorted keys make the draw independent of input order, so a seed reproduces it.
  let keys = [...promptsByPair.keys()].sort();
  if (previous && keys.length > 1) keys = keys.filter((key) => key !== previous);

  const weights = keys.map((key) => {
    const [a, b] = (promptsByPair.get(key) as PairPrompts).models;
    return pairWeight(input, a, b);
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  let target = random() * total;
  let chosen = keys[keys.length - 1] as string;
  for (let i = 0; i < keys.length; i += 1) {
    target -= weights[i] as number;
    if (target < 0) {
      chosen = keys[i] as string;
      break;
    }
  }

  const entry = promptsByPair.get(chosen) as PairPrompts;
  const prompt = pickUniform(entry.prompts, random);
  const first = pickUniform(prompt.clipsByModel.get(entry.models[0]) ?? [], random);
  const second = pickUniform(prompt.clipsByModel.get(entry.models[1]) ?? [], random);
  return random() < 0.5
    ? { promptId: prompt.id, left: first, right: second }
    : { promptId: prompt.id, left: second, right: first };
}
