/**
 * Pair sampling for blind battles. Pure: plain data in, a battle out, randomness only from the
 * `random` passed in, so a seeded generator reproduces every draw.
 *
 * Steps:
 * 1. Candidates are the model pairs that share a prompt. When the voter has seen models revealed
 *    (after their earlier votes), only pairs that share a prompt on which neither model was
 *    revealed to them stay candidates, while any such pair exists: a voter who recognises a clip
 *    from an earlier reveal would know its model (the blindness threat model in the README).
 * 2. The voter's previous pair is dropped, unless it is the only candidate.
 * 3. A pair is drawn with the weights of lib/arena/pair-weights.ts (rank and interval uncertainty
 *    of the Bradley-Terry posterior from every voter's counted votes, plus a floor); they never
 *    use the voter's own votes.
 * 4. A prompt is drawn among those the pair shares (fresh ones for this voter when there are),
 *    uniformly but for the prompt cap (lib/arena/prompt-cap.ts): pair and prompt are drawn from
 *    the joint weight w(pair) · f(prompt) / |shared prompts|, with the factors f that keep any one
 *    prompt's share of battles at most MAX_PROMPT_SHARE. So each model's votes spread evenly over
 *    its prompts wherever the cap does not bind; then one clip per model uniformly, and the sides
 *    by a fair coin.
 *
 * The caller passes only prompts of the blind pool (lib/arena/blind-pool.ts: at least three
 * models each), so the prompt text never narrows a battle down to one pair.
 *
 * The pair comes before the prompt so a model with clips on many prompts is not over-sampled;
 * drawing at random rather than serving the top pair spreads concurrent voters over many pairs and
 * makes the next pair hard to predict or steer.
 */
import type { Random } from "../random";
import { MIN_MODELS_PER_QUAD, servesQuads } from "./blind-pool";
import { pairWeights } from "./pair-weights";
import { capPromptShares, MAX_PROMPT_SHARE } from "./prompt-cap";
import { pairKey, type StrengthPosterior } from "./strength-estimates";

export interface SamplerClip {
  id: string;
  modelId: string;
}

export interface SamplerPrompt {
  id: string;
  /** Servable clips; a model may have several, one of which is drawn uniformly. */
  clips: SamplerClip[];
}

/** A model whose identity was shown to the voter next to a clip of this prompt. */
export interface RevealedClip {
  promptId: string;
  modelId: string;
}

export interface SamplerInput {
  /** Prompts already filtered by the caller (category, active models, visible clips). */
  prompts: SamplerPrompt[];
  /** Bradley-Terry posterior from all counted votes; a model missing from it gets the prior. */
  posterior: StrengthPosterior;
  /** Model ids of this voter's previous battle, in any order. */
  previousPair?: readonly [string, string];
  /** (prompt, model) combinations already revealed to this voter. */
  revealed?: readonly RevealedClip[];
  /** Largest share of battles on one prompt (lib/arena/prompt-cap.ts); MAX_PROMPT_SHARE unless given (1: no cap). */
  maxPromptShare?: number;
}

export interface SampledBattle {
  promptId: string;
  left: SamplerClip;
  right: SamplerClip;
}

/** Models, and one bitset per model over prompt positions: where each model has a clip. */
interface CatalogueIndex {
  models: string[];
  indexOf: Map<string, number>;
  positionOf: Map<string, number>;
  words: number;
  bits: Uint32Array;
}

// Callers pass the same cached prompts array for many draws: index it once per array.
const indexes = new WeakMap<readonly SamplerPrompt[], CatalogueIndex>();

function indexCatalogue(prompts: readonly SamplerPrompt[]): CatalogueIndex {
  const known = indexes.get(prompts);
  if (known) return known;
  // Sorted ids make the pair draw independent of the order clips arrive in.
  const ids = new Set<string>();
  for (const prompt of prompts) for (const clip of prompt.clips) ids.add(clip.modelId);
  const models = [...ids].sort();
  const indexOf = new Map(models.map((model, index) => [model, index]));
  const words = Math.ceil(prompts.length / 32);
  const bits = new Uint32Array(models.length * words);
  prompts.forEach((prompt, position) => {
    for (const clip of prompt.clips) {
      const word = (indexOf.get(clip.modelId) as number) * words + (position >>> 5);
      bits[word] = (bits[word] as number) | (1 << (position & 31));
    }
  });
  const index = { models, indexOf, positionOf: new Map(prompts.map((p, i) => [p.id, i])), words, bits };
  indexes.set(prompts, index);
  return index;
}

/** The catalogue's bitsets with the voter's revealed (prompt, model) bits cleared. */
function freshBits(index: CatalogueIndex, revealed: readonly RevealedClip[]): Uint32Array {
  const fresh = Uint32Array.from(index.bits);
  for (const { promptId, modelId } of revealed) {
    const position = index.positionOf.get(promptId);
    const model = index.indexOf.get(modelId);
    if (position === undefined || model === undefined) continue;
    const word = model * index.words + (position >>> 5);
    fresh[word] = (fresh[word] as number) & ~(1 << (position & 31));
  }
  return fresh;
}

/** The prompt cap's factors for one catalogue under one posterior (lib/arena/prompt-cap.ts). */
interface PromptCap {
  /** f per prompt position. */
  prompts: Float64Array;
  /** Mean f over the prompts each pair shares, at a * models + b (a < b). */
  pairs: Float64Array;
}

const caps = new WeakMap<CatalogueIndex, WeakMap<StrengthPosterior, Map<number, PromptCap>>>();

/** Positions of the prompts where both models have a clip, in `set`. */
function sharedPositions(index: CatalogueIndex, set: Uint32Array, a: number, b: number): number[] {
  const positions: number[] = [];
  for (let word = 0; word < index.words; word += 1) {
    let bits = (set[a * index.words + word] as number) & (set[b * index.words + word] as number);
    for (; bits !== 0; bits &= bits - 1) positions.push(word * 32 + (31 - Math.clz32(bits & -bits)));
  }
  return positions;
}

/**
 * The cap's factors from every pair's weight over the whole catalogue (not one voter's filtered
 * view, so all voters share them). Computed once per catalogue and posterior: O(models² × prompts / 32
 * + shared (pair, prompt) cells).
 */
function promptCap(index: CatalogueIndex, posterior: StrengthPosterior, promptCount: number, share: number): PromptCap {
  let byPosterior = caps.get(index);
  if (!byPosterior) caps.set(index, (byPosterior = new WeakMap()));
  let byShare = byPosterior.get(posterior);
  if (!byShare) byPosterior.set(posterior, (byShare = new Map<number, PromptCap>()));
  const known = byShare.get(share);
  if (known) return known;
  const k = index.models.length;
  const pairs: [number, number][] = [];
  const shared: number[][] = [];
  for (let a = 0; a < k; a += 1) {
    for (let b = a + 1; b < k; b += 1) {
      const positions = sharedPositions(index, index.bits, a, b);
      if (positions.length === 0) continue;
      pairs.push([a, b]);
      shared.push(positions);
    }
  }
  const masses = new Float64Array(promptCount);
  const weights = pairs.length > 0 ? pairWeights(index.models, pairs, posterior) : new Float64Array();
  shared.forEach((positions, c) => {
    for (const p of positions) masses[p] = (masses[p] as number) + (weights[c] as number) / positions.length;
  });
  const factors = capPromptShares(masses, share);
  const pairFactors = new Float64Array(k * k).fill(1);
  pairs.forEach(([a, b], c) => {
    const positions = shared[c] as number[];
    pairFactors[a * k + b] = positions.reduce((sum, p) => sum + (factors[p] as number), 0) / positions.length;
  });
  const cap = { prompts: factors, pairs: pairFactors };
  byShare.set(share, cap);
  return cap;
}

function pickUniform<T>(items: readonly T[], random: Random): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;
}

/** Index of the weight that `random` lands on, drawn in proportion to the weights. */
function pickWeighted(weights: Float64Array, random: Random): number {
  let target = random() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < weights.length; i += 1) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1; // rounding left `target` a hair above the total
}

/** Word `word` of the prompt bits models a and b both have in `set`, within `mask` when given. */
type SharedPrompts = (set: Uint32Array, a: number, b: number, word: number) => number;

function sharedPrompts(index: CatalogueIndex, mask: Uint32Array | null): SharedPrompts {
  const { words } = index;
  return mask
    ? (set, a, b, word) =>
        (set[a * words + word] as number) & (set[b * words + word] as number) & (mask[word] as number)
    : (set, a, b, word) => (set[a * words + word] as number) & (set[b * words + word] as number);
}

/**
 * The model pairs a battle may draw: those that share a prompt (as `shared` counts prompts), and
 * only those sharing a prompt fresh to this voter on both sides while any pair does.
 */
function candidatePairs(index: CatalogueIndex, fresh: Uint32Array, shared: SharedPrompts): [number, number][] {
  const { models, words, bits } = index;
  const meets = (set: Uint32Array, a: number, b: number) => {
    for (let word = 0; word < words; word += 1) if (shared(set, a, b, word) !== 0) return true;
    return false;
  };
  let candidates: [number, number][] = [];
  let freshOnly = false;
  for (let a = 0; a < models.length; a += 1) {
    for (let b = a + 1; b < models.length; b += 1) {
      if (fresh !== bits && meets(fresh, a, b)) {
        if (!freshOnly) candidates = [];
        freshOnly = true;
        candidates.push([a, b]);
      } else if (!freshOnly && meets(bits, a, b)) candidates.push([a, b]);
    }
  }
  return candidates;
}

/**
 * Picks a battle as described at the top of this file: two clips of one prompt from two different
 * models. Null when no prompt has clips from two models. Reproducible with a seeded `random`.
 * Cost: O(models² × prompts / 32 + revealed) per call, plus O(clips) once per prompts array and
 * O(models³) once per posterior (pair scores, lib/arena/pair-weights.ts).
 */
export function sampleBattle(input: SamplerInput, random: Random): SampledBattle | null {
  const index = indexCatalogue(input.prompts);
  const { models, words, bits } = index;
  const fresh = input.revealed?.length ? freshBits(index, input.revealed) : bits;
  const both = sharedPrompts(index, null);
  let candidates = candidatePairs(index, fresh, both);
  if (candidates.length === 0) return null;

  if (input.previousPair) {
    const previous = pairKey(...input.previousPair);
    const others = candidates.filter(([a, b]) => pairKey(models[a] as string, models[b] as string) !== previous);
    // When the previous pair is the only one there is, serving it again beats serving nothing.
    if (others.length > 0) candidates = others;
  }

  const cap = promptCap(index, input.posterior, input.prompts.length, input.maxPromptShare ?? MAX_PROMPT_SHARE);
  const weights = pairWeights(models, candidates, input.posterior);
  candidates.forEach(
    ([a, b], c) => (weights[c] = (weights[c] as number) * (cap.pairs[a * models.length + b] as number)),
  );
  const [a, b] = candidates[pickWeighted(weights, random)] as [number, number];

  // Prompts both models share, fresh for this voter on both sides if any, else on one side, else any.
  const positions: number[] = [];
  for (const pick of [
    (word: number) => both(fresh, a, b, word),
    (word: number) =>
      both(bits, a, b, word) & ((fresh[a * words + word] as number) | (fresh[b * words + word] as number)),
    (word: number) => both(bits, a, b, word),
  ]) {
    for (let word = 0; word < words; word += 1) {
      for (let set = pick(word); set !== 0; set &= set - 1) positions.push(word * 32 + (31 - Math.clz32(set & -set)));
    }
    if (positions.length > 0) break;
  }
  const promptWeights = Float64Array.from(positions, (position) => cap.prompts[position] as number);
  const prompt = input.prompts[positions[pickWeighted(promptWeights, random)] as number] as SamplerPrompt;
  const clipOf = (model: number) =>
    pickUniform(
      prompt.clips.filter((clip) => clip.modelId === models[model]),
      random,
    );
  const first = clipOf(a);
  const second = clipOf(b);
  return random() < 0.5
    ? { promptId: prompt.id, left: first, right: second }
    : { promptId: prompt.id, left: second, right: first };
}

/** A quad battle: four clips of one prompt from four different models, in shown order (sides a to d). */
export interface SampledQuad {
  promptId: string;
  clips: [SamplerClip, SamplerClip, SamplerClip, SamplerClip];
}

/** Bits of the prompt positions where at least MIN_MODELS_PER_QUAD models have a clip. */
const quadMasks = new WeakMap<CatalogueIndex, Uint32Array>();

function quadMask(index: CatalogueIndex, prompts: readonly SamplerPrompt[]): Uint32Array {
  const known = quadMasks.get(index);
  if (known) return known;
  const mask = new Uint32Array(index.words);
  prompts.forEach((prompt, position) => {
    if (servesQuads(prompt.clips)) mask[position >>> 5] = (mask[position >>> 5] as number) | (1 << (position & 31));
  });
  quadMasks.set(index, mask);
  return mask;
}

/**
 * Picks a quad battle (issue 32) by the pair criterion above, applied to the quad's pairs:
 * 1. The first pair is drawn exactly as a pair battle's (pair-weights.ts times the prompt cap,
 *    fresh pairs first), among the pairs that share a prompt where at least MIN_MODELS_PER_QUAD
 *    models have a clip (lib/arena/blind-pool.ts).
 * 2. A prompt is drawn among those quad prompts the pair shares, as for a pair (fresh first, cap).
 * 3. The third and the fourth model are drawn from the prompt's other models one at a time, each
 *    with probability proportional to the summed pair weights (pair-weights.ts, over the pairs of
 *    the prompt's models) of its pairs with the models already chosen. Models not revealed to
 *    this voter on the prompt are drawn first while enough of them remain.
 * 4. One clip per model uniformly, and the four sides shuffled (Fisher-Yates).
 *
 * Why steps 1 and 3 are the pair criterion (issue 32, item 6). Let w_ij be a pair's weight (the
 * chance a pair battle draws it, pair-weights.ts) and W(S) = Σ_{i<j ∈ S} w_ij the criterion summed
 * over a set's pairs. A quad vote, rank-broken (lib/ratings/rank-breaking.ts), is a vote on 5 of
 * its 6 pairs (all but the two middle clips), so to first order it adds to each pair's Fisher
 * information what a pair vote would, times the chance π_ij that the pair is not the middle one:
 *   - width part: its score is the derivative of the minimax-variance criterion Σ_m v_m^q along
 *     one vote on the pair, and a derivative is linear in the information added, so the quad's
 *     first-order gain is Σ_{i<j} π_ij · gain_ij (Pukelsheim 1993, "Optimal Design of
 *     Experiments", ch. 6: the directional derivative of a design criterion is linear in the
 *     information matrix added);
 *   - order part: info · P(swap) · relevance · reach is a per-pair value, additive by definition;
 *   - floor: every pair alike.
 * Among near-equal models π_ij = 5/6 for every pair (the middle pair is one of the six, uniformly),
 * a constant factor: the quad's value is then ∝ W(S). Steps 1 and 3 are the greedy maximisation of
 * W, randomised the way pair draws are: W({a, b}) = w_ab picks the first pair, and the third and
 * fourth models' chances are proportional to their marginal gains W(S ∪ {c}) − W(S) = Σ_{s ∈ S} w_sc,
 * so the quads with the largest W are drawn most (tests/unit/arena/sample-quad.test.ts checks the
 * exact draw law against these formulas). Drawing in proportion rather than taking the best quad
 * spreads concurrent voters over many quads and keeps the next quad hard to steer, as for pairs.
 * What the first-order sum leaves out, on purpose: the overlap of the 5 pairs' information (they
 * share models, so the exact variance drop, a rank-3 Woodbury update, is a little below the sum);
 * π_ij's dependence on the gaps (two middling models flanked by a much better and a much worse
 * one are the unobserved middle pair more often than 1 in 6); and the width part's power
 * (WIDTH_SHARPNESS), applied per pair before the sum.
 *
 * Null when no prompt has clips from MIN_MODELS_PER_QUAD models. The voter's previous pair is not
 * avoided (a quad contains six pairs). Reproducible with a seeded `random`.
 */
export function sampleQuad(input: SamplerInput, random: Random): SampledQuad | null {
  const index = indexCatalogue(input.prompts);
  const { models, words, bits } = index;
  const mask = quadMask(index, input.prompts);
  const fresh = input.revealed?.length ? freshBits(index, input.revealed) : bits;
  const shared = sharedPrompts(index, mask);
  const candidates = candidatePairs(index, fresh, shared);
  if (candidates.length === 0) return null;

  const cap = promptCap(index, input.posterior, input.prompts.length, input.maxPromptShare ?? MAX_PROMPT_SHARE);
  const weights = pairWeights(models, candidates, input.posterior);
  candidates.forEach(
    ([a, b], c) => (weights[c] = (weights[c] as number) * (cap.pairs[a * models.length + b] as number)),
  );
  const [a, b] = candidates[pickWeighted(weights, random)] as [number, number];

  const positions: number[] = [];
  for (const set of [fresh, bits]) {
    for (let word = 0; word < words; word += 1) {
      for (let hits = shared(set, a, b, word); hits !== 0; hits &= hits - 1)
        positions.push(word * 32 + (31 - Math.clz32(hits & -hits)));
    }
    if (positions.length > 0) break;
  }
  const promptWeights = Float64Array.from(positions, (position) => cap.prompts[position] as number);
  const position = positions[pickWeighted(promptWeights, random)] as number;
  const prompt = input.prompts[position] as SamplerPrompt;

  // The prompt's models (indices into `models`) and the weights of all their pairs.
  const onPrompt = [...new Set(prompt.clips.map((clip) => index.indexOf.get(clip.modelId) as number))].sort(
    (x, y) => x - y,
  );
  const promptPairs: [number, number][] = [];
  for (let i = 0; i < onPrompt.length; i += 1)
    for (let j = i + 1; j < onPrompt.length; j += 1) promptPairs.push([onPrompt[i] as number, onPrompt[j] as number]);
  const promptPairWeights = pairWeights(models, promptPairs, input.posterior);
  const weightOf = new Map(promptPairs.map(([x, y], c) => [x * models.length + y, promptPairWeights[c] as number]));
  const pairWeight = (x: number, y: number) => weightOf.get(x < y ? x * models.length + y : y * models.length + x) ?? 0;
  const isFresh = (model: number) =>
    ((fresh[model * words + (position >>> 5)] as number) & (1 << (position & 31))) !== 0;

  const chosen = [a, b];
  while (chosen.length < MIN_MODELS_PER_QUAD) {
    const rest = onPrompt.filter((model) => !chosen.includes(model));
    const freshRest = rest.filter(isFresh);
    const pool = freshRest.length >= MIN_MODELS_PER_QUAD - chosen.length ? freshRest : rest;
    const summed = Float64Array.from(pool, (model) => chosen.reduce((sum, other) => sum + pairWeight(model, other), 0));
    chosen.push(pool[pickWeighted(summed, random)] as number);
  }
  const clips = chosen.map((model) =>
    pickUniform(
      prompt.clips.filter((clip) => clip.modelId === models[model]),
      random,
    ),
  );
  for (let i = clips.length - 1; i > 0; i -= 1) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [clips[i], clips[j]] = [clips[j] as SamplerClip, clips[i] as SamplerClip];
  }
  return { promptId: prompt.id, clips: clips as SampledQuad["clips"] };
}
