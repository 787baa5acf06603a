/**
 * Sampling weights of model pairs, from the Bradley-Terry posterior of all counted votes (centred
 * strengths θ and their covariance C in nats, lib/arena/strength-estimates.ts). Pure maths. Pair
 * (i, j) gets
 *
 *     weight = width share · width / Σ width + order share · order / Σ order + FLOOR_SHARE / pairs
 *
 *     info  = p(1 − p),  p = σ(θ_i − θ_j)             Fisher information of one vote on the pair
 *     gain  = Σ_m (v_m / v_max)^WIDTH_FOCUS · info · (C(e_i − e_j))_m² / (1 + info · s²)
 *             how much one more vote shrinks the variances v_m = C_mm, most of all the widest ones
 *             (Sherman-Morrison update of the posterior precision; s² = v_i + v_j − 2C_ij): the
 *             derivative of the minimax-variance criterion Σ_m v_m^q, q = WIDTH_FOCUS + 1
 *             (Pukelsheim 1993, "Optimal Design of Experiments", ch. 6), the idea behind LMArena's
 *             sampling by how much a vote shrinks an interval (Chiang et al. 2024, "Chatbot
 *             Arena", §5)
 *     width = (gain / max gain)^WIDTH_SHARPNESS
 *             draws lean hard on the best pair, as in Wynn's sequential design (Wynn 1970, "The
 *             sequential generation of D-optimum experimental designs"), which converges to the
 *             optimal allocation; merely proportional draws stay close to uniform
 *     order = info · P(swap) · relevance · reach
 *             P(swap) = Φ(−|θ_i − θ_j| / s), the posterior chance that the pair's shown order is
 *             wrong (the chance that a Thompson draw from the posterior reverses it); relevance 1
 *             when the better-ranked of the two is in the top TOP_RANKS (the pair decides who is
 *             in the top 3 or their order), halving per rank below: rank uncertainty near the top
 *             (active ranking, Heckel et al. 2019; K-Sort Arena's uncertainty-driven matchmaking,
 *             Li et al. 2024)
 *     reach = P(|δ| ≥ δ_min),  δ ~ Normal(θ_i − θ_j, s²),  δ_min = z / √(1 / s² + info · budget),
 *             budget = SETTLE_BUDGET · votes counted so far, z = SETTLED_Z
 *             the posterior chance that the pair's order can be settled at the current vote budget:
 *             that its true gap is at least δ_min, the smallest gap that `budget` more votes on the
 *             pair (each adding info to its posterior precision 1 / s²) would bring to z standard
 *             deviations. A pair the posterior places within δ_min of a tie is left to the width
 *             part: an indifference zone (Bechhofer 1954, "A single-sample multiple decision
 *             procedure for ranking means of normal populations") whose width the vote count sets
 *     order share = ORDER_SHARE · min(1, max over candidate pairs of 2 · P(swap) · relevance · reach),
 *     width share = WIDTH_SHARE + ORDER_SHARE − order share
 *
 * Why: the width part spends votes where intervals are widest and a vote tells most, so the widest
 * interval shrinks first and a new model (no votes: θ = 0, v = prior) gets most votes until it has
 * caught up: the cold start. The order part settles the order at the top while it is open, the
 * boundary between ranks 3 and 4 as much as the order within the top 3; once that is settled, or
 * when what is left open are near-ties the vote budget cannot settle (when all models are close the
 * order never settles and would otherwise keep its full share), its share goes back to the
 * intervals. The floor gives every pair FLOOR_SHARE of a uniform share, so all pairs stay
 * reachable and the comparison graph stays connected however confident the estimates are. Shares
 * and constants were chosen with `npm run bench:sampler`.
 */
import { PRIOR_VARIANCE, type StrengthPosterior } from "./strength-estimates";

export const WIDTH_SHARE = 0.5;
export const ORDER_SHARE = 0.4;
export const FLOOR_SHARE = 0.1;
/** Ranks the order part treats as the top: a pair with a model ranked this high counts fully. */
const TOP_RANKS = 3;
/** z-score at which a pair's order counts as settled: P(swap) = Φ(−2) ≈ 2%. */
const SETTLED_Z = 2;
/**
 * Votes the order part may plan to spend on settling a pair, as a share of the votes counted so
 * far: a pair whose order would likely take more (a near-tie) is not worth chasing yet.
 */
const SETTLE_BUDGET = 1;
/** How hard the width part leans towards the widest intervals (0 would weigh all alike). */
const WIDTH_FOCUS = 8;
/** Power on the width gains: how closely draws follow the best pair (see the top of this file). */
const WIDTH_SHARPNESS = 4;

/** Standard normal CDF, by the logistic approximation (error under 0.01, enough for a weight). */
const normalCdf = (x: number) => 1 / (1 + Math.exp(-1.702 * x));

/**
 * The posterior restricted to `models` (the catalogue's), in their order: a model without votes
 * gets strength 0, the prior variance and no covariance with the others.
 */
function restrict(models: readonly string[], posterior: StrengthPosterior) {
  const k = models.length;
  const at = models.map((model) => posterior.index.get(model));
  const strength = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  const known = posterior.models.length;
  for (let m = 0; m < k; m += 1) {
    const pm = at[m];
    if (pm === undefined) {
      covariance[m * k + m] = PRIOR_VARIANCE;
      continue;
    }
    strength[m] = posterior.strength[pm] as number;
    for (let n = 0; n < k; n += 1) {
      const pn = at[n];
      if (pn !== undefined) covariance[m * k + n] = posterior.covariance[pm * known + pn] as number;
    }
  }
  return { strength, covariance };
}

/** Scores of every model pair, at position i · k + j (i < j); see the top of this file. */
interface PairScores {
  width: Float64Array;
  order: Float64Array;
  /** P(swap) · relevance: how open an order that matters still is. */
  open: Float64Array;
}

// The posterior changes once per cache period while draws come by the hundred: score every pair
// once per (posterior, catalogue models) and leave only the normalisation over candidates per draw.
const scoreCache = new WeakMap<StrengthPosterior, WeakMap<readonly string[], PairScores>>();

/** Scores of all pairs of `models`. Cost O(models³). */
function scorePairs(models: readonly string[], posterior: StrengthPosterior): PairScores {
  const k = models.length;
  const budget = SETTLE_BUDGET * posterior.votes;
  const { strength, covariance } = restrict(models, posterior);
  let widest = 0;
  for (let m = 0; m < k; m += 1) widest = Math.max(widest, covariance[m * k + m] as number);
  const focus = Float64Array.from({ length: k }, (_, m) => ((covariance[m * k + m] as number) / widest) ** WIDTH_FOCUS);
  const rank = new Float64Array(k);
  [...strength.keys()]
    .sort((a, b) => (strength[b] as number) - (strength[a] as number))
    .forEach((model, position) => (rank[model] = position + 1));

  const width = new Float64Array(k * k);
  const order = new Float64Array(k * k);
  const open = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) {
    for (let j = i + 1; j < k; j += 1) {
      const gap = (strength[i] as number) - (strength[j] as number);
      const p = 1 / (1 + Math.exp(-gap));
      const info = p * (1 - p);
      // Sherman-Morrison: one vote adds info·(e_i − e_j)(e_i − e_j)ᵀ to the precision, which takes
      // info·(C(e_i − e_j))_m² / (1 + info·(e_i − e_j)ᵀC(e_i − e_j)) off each model m's variance.
      const spread =
        (covariance[i * k + i] as number) + (covariance[j * k + j] as number) - 2 * (covariance[i * k + j] as number);
      let drop = 0;
      for (let m = 0; m < k; m += 1) {
        const direction = (covariance[m * k + i] as number) - (covariance[m * k + j] as number);
        drop += (focus[m] as number) * direction * direction;
      }
      width[i * k + j] = (info * drop) / (1 + info * spread);
      const sd = Math.sqrt(Math.max(spread, 1e-12));
      const swap = normalCdf(-Math.abs(gap) / sd);
      const relevance = 2 ** -Math.max(0, Math.min(rank[i] as number, rank[j] as number) - TOP_RANKS);
      // The smallest gap `budget` more votes would settle, and the posterior chance the true gap
      // (either sign) is at least that: how reachable a settled order is.
      const smallest = SETTLED_Z / Math.sqrt(1 / (sd * sd) + info * budget);
      const reach = normalCdf((Math.abs(gap) - smallest) / sd) + normalCdf((-Math.abs(gap) - smallest) / sd);
      open[i * k + j] = swap * relevance * reach;
      order[i * k + j] = info * swap * relevance * reach;
    }
  }
  // Relative to the best pair before the power, so it cannot underflow.
  const best = width.reduce((max, w) => Math.max(max, w), 0);
  if (best > 0) for (let c = 0; c < k * k; c += 1) width[c] = ((width[c] as number) / best) ** WIDTH_SHARPNESS;
  return { width, order, open };
}

function cachedScores(models: readonly string[], posterior: StrengthPosterior): PairScores {
  let byModels = scoreCache.get(posterior);
  if (!byModels) {
    byModels = new WeakMap();
    scoreCache.set(posterior, byModels);
  }
  let scores = byModels.get(models);
  if (!scores) {
    scores = scorePairs(models, posterior);
    byModels.set(models, scores);
  }
  return scores;
}

/**
 * Weights of the candidate pairs (indices into `models`, either order), summing to 1, as described
 * at the top of this file. Cost O(models³) the first time a posterior meets a `models` array
 * (pass the same array to reuse the scores), then O(pairs).
 */
export function pairWeights(
  models: readonly string[],
  candidates: readonly (readonly [number, number])[],
  posterior: StrengthPosterior,
): Float64Array {
  const k = models.length;
  const scores = cachedScores(models, posterior);
  const at = ([a, b]: readonly [number, number]) => (a < b ? a * k + b : b * k + a);
  let widthSum = 0;
  let orderSum = 0;
  let open = 0;
  for (const pair of candidates) {
    widthSum += scores.width[at(pair)] as number;
    orderSum += scores.order[at(pair)] as number;
    open = Math.max(open, scores.open[at(pair)] as number);
  }
  const orderShare = ORDER_SHARE * Math.min(1, 2 * open);
  const widthShare = WIDTH_SHARE + ORDER_SHARE - orderShare;
  const weights = new Float64Array(candidates.length);
  candidates.forEach((pair, c) => {
    const width = scores.width[at(pair)] as number;
    const order = scores.order[at(pair)] as number;
    weights[c] =
      FLOOR_SHARE / candidates.length +
      (widthSum > 0 ? (widthShare * width) / widthSum : widthShare / candidates.length) +
      (orderSum > 0 ? (orderShare * order) / orderSum : orderShare / candidates.length);
  });
  return weights;
}
