import { type BradleyTerryDesign, derivatives, fitBradleyTerryDesign, type OutcomeCounts } from "../ratings/bt-solver";
import { factorSpd, solveFactored } from "../ratings/cholesky";

/**
 * The aggregate state the pair sampler weighs with: every model's Bradley-Terry strength and its
 * uncertainty, from the counted votes of all voters. Pure; no voter's own votes are singled out.
 *
 * Method: the Laplace approximation of the Bradley-Terry posterior (Bishop 2006, "Pattern
 * Recognition and Machine Learning", §4.4; as used for ratings by Glickman 1999 and TrueSkill):
 * the maximum a-posteriori strengths under a Normal(0, PRIOR_VARIANCE) prior, found by Newton's
 * method (the ratings' one Bradley-Terry solver, lib/ratings/bt-solver.ts), and their covariance, the inverse of the log-posterior's negative Hessian (the Fisher
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

/**
 * The posterior's design on the ratings' one Bradley-Terry solver: one row per pair, the smaller
 * id first, its score as wins (ties already count half), the prior's precision as the ridge.
 */
function posteriorDesign(pairs: readonly PairRecord[], index: Map<string, number>, k: number) {
  const design: BradleyTerryDesign = {
    strengths: k,
    first: Int32Array.from(pairs, (pair) => index.get(pair.smaller) as number),
    second: Int32Array.from(pairs, (pair) => index.get(pair.larger) as number),
    features: 0,
    ties: "half",
    ridge: new Float64Array(k).fill(1 / PRIOR_VARIANCE),
  };
  const counts: OutcomeCounts = {
    firstWins: Float64Array.from(pairs, (pair) => pair.smallerScore),
    secondWins: Float64Array.from(pairs, (pair) => pair.battles - pair.smallerScore),
    ties: new Float64Array(pairs.length),
  };
  return { design, counts };
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
  const { design, counts } = posteriorDesign(counted, index, k);
  const theta = fitBradleyTerryDesign(design, counts, {
    tolerance: TOLERANCE,
    maxIterations: MAX_ITERATIONS,
    maxStep: MAX_STEP,
  });
  const factor = new Float64Array(k * k);
  derivatives(design, counts, theta, new Float64Array(k), factor);
  factorSpd(factor, k);
  // Covariance = inverse of the negative Hessian, one column at a time; then centre it: (I − J/k) C (I − J/k).
  const covariance = new Float64Array(k * k);
  for (let column = 0; column < k; column += 1) {
    const unit = new Float64Array(k);
    unit[column] = 1;
    covariance.set(solveFactored(factor, unit, k), column * k);
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
