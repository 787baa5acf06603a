import { factorSpd, solveFactored } from "../ratings/bt-fit";

/**
 * The aggregate state the pair sampler weighs with: every model's Bradley-Terry strength and its
 * uncertainty, from the counted votes of all voters. Pure; no voter's own votes are singled out.
 *
 * Method: the Laplace approximation of the Bradley-Terry posterior (Bishop 2006, "Pattern
 * Recognition and Machine Learning", §4.4; as used for ratings by Glickman 1999 and TrueSkill):
 * the maximum a-posteriori strengths under a Normal(0, PRIOR_VARIANCE) prior, found by Newton's
 * method, and their covariance, the inverse of the log-posterior's negative Hessian (the Fisher
 * information of the votes plus the prior's precision). Ties count half a win each side, as in
 * the leaderboard's fit. The prior keeps a model with a handful of votes near the middle with a
 * wide uncertainty instead of at the ±1,300 points a maximum-likelihood fit gives one-sided
 * records; with hundreds of votes it moves nothing that matters.
 */

/** One (left, right, outcome) group of counted votes, as the database groups them. */
export interface VoteGroup {
  leftModelId: string;
  rightModelId: string;
  outcome: "left" | "right" | "tie" | "both_bad";
  count: number;
}

/** Votes between two models, `smaller` being the lexicographically smaller id. */
export interface PairRecord {
  smaller: string;
  larger: string;
  battles: number;
  /** Score of `smaller`: wins plus half of ties and both-bad votes. */
  smallerScore: number;
}

/** Bradley-Terry posterior of the models with votes, in natural-log units, centred on their mean. */
export interface StrengthPosterior {
  /** Sorted model ids; position i is row and column i below. */
  models: string[];
  index: ReadonlyMap<string, number>;
  strength: Float64Array;
  /** k×k row-major covariance of the centred strengths, in nats². */
  covariance: Float64Array;
  /** Counted votes the posterior rests on (battles over all pairs). */
  votes: number;
}

/** Prior variance of a strength in nats² (a standard deviation of about 174 rating points). */
export const PRIOR_VARIANCE = 1;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-8;
/** Largest Newton step in nats: keeps the first steps on lopsided records from overshooting. */
const MAX_STEP = 1;

/** Order-independent key of a model pair. */
export function pairKey(modelA: string, modelB: string): string {
  return modelA < modelB ? `${modelA}\u0000${modelB}` : `${modelB}\u0000${modelA}`;
}

/** Votes per model pair from the grouped vote counts; a non-positive or non-finite count is skipped. */
export function tallyPairs(groups: Iterable<VoteGroup>): PairRecord[] {
  const pairs = new Map<string, PairRecord>();
  for (const { leftModelId: left, rightModelId: right, outcome, count } of groups) {
    if (!(count > 0) || !Number.isFinite(count) || left === right) continue;
    const key = pairKey(left, right);
    const pair = pairs.get(key) ?? {
      smaller: left < right ? left : right,
      larger: left < right ? right : left,
      battles: 0,
      smallerScore: 0,
    };
    const leftScore = outcome === "left" ? 1 : outcome === "right" ? 0 : 0.5;
    pair.battles += count;
    pair.smallerScore += (left === pair.smaller ? leftScore : 1 - leftScore) * count;
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}

/** Gradient of the log-posterior and its negative Hessian (factored in place) at `theta`. */
function newtonSystem(pairs: readonly PairRecord[], index: Map<string, number>, theta: Float64Array) {
  const k = theta.length;
  const gradient = theta.map((t) => -t / PRIOR_VARIANCE);
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) hessian[i * k + i] = 1 / PRIOR_VARIANCE;
  for (const pair of pairs) {
    const i = index.get(pair.smaller) as number;
    const j = index.get(pair.larger) as number;
    const p = 1 / (1 + Math.exp((theta[j] as number) - (theta[i] as number)));
    const g = pair.smallerScore - pair.battles * p;
    const h = pair.battles * p * (1 - p);
    gradient[i] = (gradient[i] as number) + g;
    gradient[j] = (gradient[j] as number) - g;
    hessian[i * k + i] = (hessian[i * k + i] as number) + h;
    hessian[j * k + j] = (hessian[j * k + j] as number) + h;
    hessian[i * k + j] = (hessian[i * k + j] as number) - h;
    hessian[j * k + i] = (hessian[j * k + i] as number) - h;
  }
  factorSpd(hessian, k);
  return { gradient, factor: hessian };
}

/**
 * Posterior of the models that have votes (see the top of this file), centred: strengths minus
 * their mean, and the covariance of those centred strengths, the quantity a centred leaderboard
 * interval measures. Cost: O(iterations × (pairs + models³)); about a millisecond at 50 models.
 */
export function estimateStrengths(pairs: readonly PairRecord[]): StrengthPosterior {
  const counted = pairs.filter((pair) => pair.battles > 0);
  const models = [...new Set(counted.flatMap((pair) => [pair.smaller, pair.larger]))].sort();
  const index = new Map(models.map((model, i) => [model, i]));
  const k = models.length;
  let theta = new Float64Array(k);
  let system = newtonSystem(counted, index, theta);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const step = solveFactored(system.factor, system.gradient, k);
    const largest = step.reduce((max, d) => Math.max(max, Math.abs(d)), 0);
    const scale = largest > MAX_STEP ? MAX_STEP / largest : 1;
    theta = theta.map((t, i) => t + scale * (step[i] as number));
    system = newtonSystem(counted, index, theta);
    if (largest < TOLERANCE) break;
  }
  // Covariance = inverse of the negative Hessian, one column at a time; then centre it: (I − J/k) C (I − J/k).
  const covariance = new Float64Array(k * k);
  for (let column = 0; column < k; column += 1) {
    const unit = new Float64Array(k);
    unit[column] = 1;
    covariance.set(solveFactored(system.factor, unit, k), column * k);
  }
  const rowMean = models.map((_, i) => covariance.subarray(i * k, (i + 1) * k).reduce((s, c) => s + c, 0) / k);
  const grandMean = rowMean.reduce((s, c) => s + c, 0) / k;
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < k; j += 1) {
      covariance[i * k + j] =
        (covariance[i * k + j] as number) - (rowMean[i] as number) - (rowMean[j] as number) + grandMean;
    }
  }
  const meanTheta = theta.reduce((s, t) => s + t, 0) / k;
  const votes = counted.reduce((sum, pair) => sum + pair.battles, 0);
  return { models, index, strength: theta.map((t) => t - meanTheta), covariance, votes };
}
