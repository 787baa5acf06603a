/**
 * Sampling weights of model pairs, from the Bradley-Terry posterior of all counted votes (centred
 * strengths θ and their covariance C in nats, lib/arena/strength-estimates.ts). Pure maths. Pair
 * (i, j) gets
 *
 *     weight = width share · width / Σ width + order share · order / Σ order + FLOOR_SHARE / pairs
 *
 *     info  = p(1 − p),  p = σ(θ_i − θ_j)             Fisher information of one vote on the pair
 *     width = Σ_m (v_m / v_max)^WIDTH_FOCUS · info · (C(e_i − e_j))_m² / (1 + info · s²)
 *             how much one more vote shrinks the variances v_m = C_mm, most of all the widest ones
 *             (Sherman-Morrison update of the posterior precision; s² = v_i + v_j − 2C_ij): a
 *             sequential A-optimal design step (Pukelsheim 1993, "Optimal Design of Experiments"),
 *             the idea behind LMArena's sampling in proportion to how much a vote shrinks an
 *             interval (Chiang et al. 2024, "Chatbot Arena", §5)
 *     order = info · P(swap) · 2^(−(r − 1) / TOP_HALF_LIFE)
 *             P(swap) = Φ(−|θ_i − θ_j| / s), the posterior chance that the shown order of the two
 *             is wrong, r the better of their ranks: rank uncertainty between neighbours near the
 *             top (active ranking, Heckel et al. 2019; K-Sort Arena's uncertainty-driven
 *             matchmaking, Li et al. 2024)
 *     order share = ORDER_SHARE · min(1, max over pairs of 2 · P(swap) · 2^(−(r − 1) / TOP_HALF_LIFE)),
 *     width share = WIDTH_SHARE + ORDER_SHARE − order share
 *
 * Why: the width part spends votes where intervals are widest and a vote tells most, so the widest
 * interval shrinks first and a new model (no votes: θ = 0, v = prior) gets most votes until it has
 * caught up: the cold start. The order part settles the order of the top models while it is open;
 * once it is settled its share goes back to the intervals. The floor gives every pair FLOOR_SHARE
 * of a uniform share, so all pairs stay reachable and the comparison graph stays connected however
 * confident the estimates are. Shares and constants were chosen with `npm run bench:sampler`.
 */
import { PRIOR_VARIANCE, type StrengthPosterior } from "./strength-estimates";

export const WIDTH_SHARE = 0.6;
export const ORDER_SHARE = 0.3;
export const FLOOR_SHARE = 0.1;
/** Ranks over which the order part halves: rank 1 counts fully, rank 2 half, rank 3 a quarter. */
const TOP_HALF_LIFE = 1;
/** How hard the width part leans towards the widest intervals (0 would weigh all alike). */
const WIDTH_FOCUS = 8;

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

/**
 * Weights of the candidate pairs (indices into `models`), summing to 1, as described at the top of
 * this file. Cost O(pairs × models).
 */
export function pairWeights(
  models: readonly string[],
  candidates: readonly (readonly [number, number])[],
  posterior: StrengthPosterior,
): Float64Array {
  const k = models.length;
  const { strength, covariance } = restrict(models, posterior);
  const variance = Float64Array.from({ length: k }, (_, m) => covariance[m * k + m] as number);
  const widest = variance.reduce((max, v) => Math.max(max, v), 0);
  const focus = variance.map((v) => (v / widest) ** WIDTH_FOCUS);
  const rank = new Float64Array(k);
  [...strength.keys()]
    .sort((a, b) => (strength[b] as number) - (strength[a] as number))
    .forEach((model, position) => (rank[model] = position + 1));

  const width = new Float64Array(candidates.length);
  const order = new Float64Array(candidates.length);
  let widthSum = 0;
  let orderSum = 0;
  let urgency = 0;
  candidates.forEach(([i, j], c) => {
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
    width[c] = (info * drop) / (1 + info * spread);
    const swap = normalCdf(-Math.abs(gap) / Math.sqrt(Math.max(spread, 1e-12)));
    const top = Math.min(rank[i] as number, rank[j] as number);
    const relevance = 2 ** (-(top - 1) / TOP_HALF_LIFE);
    order[c] = info * swap * relevance;
    urgency = Math.max(urgency, 2 * swap * relevance);
    widthSum += width[c];
    orderSum += order[c];
  });
  const orderShare = ORDER_SHARE * Math.min(1, urgency);
  const widthShare = WIDTH_SHARE + ORDER_SHARE - orderShare;
  const weights = new Float64Array(candidates.length);
  for (let c = 0; c < candidates.length; c += 1) {
    weights[c] =
      FLOOR_SHARE / candidates.length +
      (widthSum > 0 ? (widthShare * (width[c] as number)) / widthSum : widthShare / candidates.length) +
      (orderSum > 0 ? (orderShare * (order[c] as number)) / orderSum : orderShare / candidates.length);
  }
  return weights;
}
