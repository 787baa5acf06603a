/**
 * Pair sampling for blind battles. Pure: plain data in, a battle out, randomness only from the
 * `random` passed in, so a seeded generator reproduces every draw.
 *
 * Rule. Candidates are the model pairs that share at least one prompt. Each gets the priority
 *
 *     priority(a, b) = uncertainty(a, b) + exploration(a) + exploration(b)
 *     uncertainty    = 4·p̂(1 − p̂) / sqrt(1 + n)      n: battles of the pair,
 *                      p̂ = (p·n + 1) / (n + 2)          p: win share, smoothed with a uniform prior
 *     exploration(m) = 1 / sqrt(1 + votes(m))
 *
 * and is drawn with weight priority + FLOOR_SHARE × (mean priority of the candidates). Then a prompt
 * is drawn uniformly among the prompts both models have clips for, one clip per model uniformly,
 * and the sides by a fair coin.
 *
 * Why:
 * - Uncertainty is 1 for a pair never compared and shrinks like 1/sqrt(n), the rate at which its
 *   confidence interval narrows; the 4·p̂(1 − p̂) factor keeps close pairs (p̂ near ½), whose order
 *   is still open, above lopsided ones. Smoothing keeps one early lopsided vote from zeroing it.
 * - Exploration gives models with few votes (new ones) battles quickly, against every opponent.
 * - The floor is relative (a tenth of the mean), so every candidate keeps at least about 1/11 of
 *   a uniform share however much data has come in: all pairs stay reachable, the comparison graph
 *   stays connected, yet the floor does not flatten the weights once every priority is small.
 * - Drawing at random rather than serving the top pair spreads concurrent voters over many pairs
 *   and makes the next pair hard to predict, so a voter cannot easily steer which models they get.
 * - The pair comes before the prompt so a model with clips on many prompts is not over-sampled.
 *
 * Prior art: LMArena (Chiang et al. 2024, "Chatbot Arena", §5) samples pairs non-uniformly, in
 * proportion to how much one more vote shrinks the pair's confidence interval, and up-weights
 * newly added models; the uncertainty and exploration terms are those two ideas. K-Sort Arena
 * (Li et al. 2024) matches models by an upper confidence bound whose exploration bonus shrinks like
 * sqrt(ln N / n_pair); our 1/sqrt(1 + n) terms have the same shape, used as sampling weights
 * instead of a greedy argmax, for the reasons above.
 */
import type { Random } from "../random";

export interface SamplerClip {
  id: string;
  modelId: string;
}

export interface SamplerPrompt {
  id: string;
  /** Servable clips; a model may have several, one of which is drawn uniformly. */
  clips: SamplerClip[];
}

export interface PairStats {
  /** Votes between the two models, on either side. */
  battles: number;
  /** Win share of the lexicographically smaller model id, ties as half, 0..1. */
  winShare: number;
}

export interface SamplerInput {
  /** Prompts already filtered by the caller (category, active models, visible clips). */
  prompts: SamplerPrompt[];
  /** Votes per model so far; a missing model has 0. */
  modelVotes: ReadonlyMap<string, number>;
  /** Statistics per model pair, keyed by {@link pairKey}; a missing pair has never met. */
  pairStats: ReadonlyMap<string, PairStats>;
  /** Model ids of this voter's previous battle, in any order. */
  previousPair?: readonly [string, string];
}

export interface SampledBattle {
  promptId: string;
  left: SamplerClip;
  right: SamplerClip;
}

/** Share of the mean priority that every candidate pair gets on top of its own. */
const FLOOR_SHARE = 0.1;

/** Order-independent key of a model pair. */
export function pairKey(modelA: string, modelB: string): string {
  return modelA < modelB ? `${modelA}\u0000${modelB}` : `${modelB}\u0000${modelA}`;
}

/** A count from the caller, with anything negative or not finite read as 0. */
function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Sampling priority of a model pair before the floor: uncertainty of its order plus exploration of
 * both models (see the rule at the top of this file). Symmetric in `modelA` and `modelB`.
 */
export function pairPriority(
  stats: Pick<SamplerInput, "modelVotes" | "pairStats">,
  modelA: string,
  modelB: string,
): number {
  const pair = stats.pairStats.get(pairKey(modelA, modelB));
  const n = count(pair?.battles);
  const share = pair && Number.isFinite(pair.winShare) ? Math.min(1, Math.max(0, pair.winShare)) : 0.5;
  const p = (share * n + 1) / (n + 2);
  const explore = (model: string) => 1 / Math.sqrt(1 + count(stats.modelVotes.get(model)));
  return (4 * p * (1 - p)) / Math.sqrt(1 + n) + explore(modelA) + explore(modelB);
}

function pickUniform<T>(items: readonly T[], random: Random): T {
  return items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;
}

/** Index of the weight that `random` lands on, drawn in proportion to the weights. */
function pickWeighted(weights: readonly number[], random: Random): number {
  let target = random() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < weights.length; i += 1) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1; // rounding left `target` a hair above the total
}

/**
 * Picks a battle: two clips of one prompt from two different models, the pair weighted as
 * described at the top of this file and never the voter's previous pair unless it is the only
 * pair there is. Null when no prompt has clips from two models. Reproducible with a seeded
 * `random`. Cost: O(clips + models² × prompts / 32) per call.
 */
export function sampleBattle(input: SamplerInput, random: Random): SampledBattle | null {
  // Sorted ids make the pair draw independent of the order clips arrive in.
  const ids = new Set<string>();
  for (const prompt of input.prompts) for (const clip of prompt.clips) ids.add(clip.modelId);
  const models = [...ids].sort();
  const indexOf = new Map(models.map((model, index) => [model, index]));

  // One bitset per model over prompt positions: two models share a prompt exactly where their
  // bitsets intersect, so a prompt whose clips are all from one model never yields a pair.
  const words = Math.ceil(input.prompts.length / 32);
  const bits = new Uint32Array(models.length * words);
  input.prompts.forEach((prompt, position) => {
    for (const clip of prompt.clips) {
      const word = (indexOf.get(clip.modelId) as number) * words + (position >>> 5);
      bits[word] = (bits[word] as number) | (1 << (position & 31));
    }
  });
  const shared = (a: number, b: number, word: number) =>
    (bits[a * words + word] as number) & (bits[b * words + word] as number);

  let candidates: [number, number][] = [];
  for (let a = 0; a < models.length; a += 1) {
    for (let b = a + 1; b < models.length; b += 1) {
      for (let word = 0; word < words; word += 1) {
        if (shared(a, b, word) !== 0) {
          candidates.push([a, b]);
          break;
        }
      }
    }
  }
  if (candidates.length === 0) return null;

  if (input.previousPair) {
    const previous = pairKey(...input.previousPair);
    const others = candidates.filter(([a, b]) => pairKey(models[a] as string, models[b] as string) !== previous);
    // When the previous pair is the only one there is, serving it again beats serving nothing.
    if (others.length > 0) candidates = others;
  }

  const priorities = candidates.map(([a, b]) => pairPriority(input, models[a] as string, models[b] as string));
  const floor = (FLOOR_SHARE * priorities.reduce((sum, w) => sum + w, 0)) / priorities.length;
  const weights = priorities.map((w) => w + floor);
  const [a, b] = candidates[pickWeighted(weights, random)] as [number, number];

  // Positions of the prompts both models share, lowest set bit first.
  const positions: number[] = [];
  for (let word = 0; word < words; word += 1) {
    for (let both = shared(a, b, word); both !== 0; both &= both - 1) {
      positions.push(word * 32 + (31 - Math.clz32(both & -both)));
    }
  }
  const prompt = input.prompts[pickUniform(positions, random)] as SamplerPrompt;
  const clipOf = (model: number) => {
    const clips = prompt.clips.filter((clip) => clip.modelId === models[model]);
    return pickUniform(clips, random);
  };
  const first = clipOf(a);
  const second = clipOf(b);
  return random() < 0.5
    ? { promptId: prompt.id, left: first, right: second }
    : { promptId: prompt.id, left: second, right: first };
}
