// The oracle bound for "every interval <= 60 points" in `npm run bench:sampler -- --optimum`: the
// fewest votes any sampler could need, from the true strengths, as a share of uniform pairs' votes.
import { factorSpd, solveFactored } from "../../lib/ratings/cholesky";

/**
 * Per vote, pair (i, j) adds w·(e_i − e_j)(e_i − e_j)ᵀ to the Fisher information of the strengths,
 * w = p(1 − p) at the true strengths; n votes spread as the shares π give information n·L(π), and
 * the centred strengths' covariance is L(π)⁺ / n (its diagonal: the squared interval half-widths up
 * to the 1.96² factor). Every interval ≤ a target therefore needs n = max_m L(π)⁺_mm / target
 * votes, and the best sampler's share of uniform's votes is
 *
 *     R* = min_π max_m L(π)⁺_mm / max_m L(uniform)⁺_mm,
 *
 * whatever the target (asymptotically: the intervals of the Laplace approximation, as many votes
 * make them). min_π max_m is a convex minimax design problem (Pukelsheim 1993, "Optimal Design of
 * Experiments", ch. 6); it is solved for the smooth Φ_q(π) = Σ_m (L(π)⁺_mm)^q, q = FOCUS, by the
 * multiplicative algorithm π_ij ← π_ij · (d_ij / Σ π d)^(1/(q + 1)), d = −∂Φ_q/∂π (Silvey,
 * Titterington & Torsney 1978; Yu 2010, "Monotonic convergence of a general algorithm for
 * computing optimal designs"), whose convergence need not be trusted: its π gives the `upper`
 * bound on R*, and the `lower` bound is certified by convexity: for λ ∝ (L(π)⁺_mm)^(q−1),
 * max_m ≥ Σ λ_m L⁺_mm, whose minimum is at least
 * 2·Σ λ_m L(π)⁺_mm − max_ij w_ij Σ_m λ_m (L(π)⁺(e_i − e_j))_m² (the Frank-Wolfe duality gap). Ties are left out: a tie rate that does not depend on strength scales
 * every pair's information alike and cancels in R*.
 */
export interface OptimumBound {
  /** R* is at least this (certified). */
  lower: number;
  /** R* is at most this: the found allocation achieves it. */
  upper: number;
  /** The found allocation: share of votes per pair, at position i · k + j (i < j). */
  shares: Float64Array;
}

const FOCUS = 32;
const ITERATIONS = 3_000;

/** L(π)⁺ for information L(π) = Σ π_ij w_ij (e_i − e_j)(e_i − e_j)ᵀ: (L + 11ᵀ/k)⁻¹ − 11ᵀ/k. */
function centredCovariance(shares: Float64Array, info: Float64Array, k: number): Float64Array {
  const matrix = new Float64Array(k * k).fill(1 / k);
  for (let i = 0; i < k; i += 1) {
    for (let j = i + 1; j < k; j += 1) {
      const h = (shares[i * k + j] as number) * (info[i * k + j] as number);
      matrix[i * k + i] = (matrix[i * k + i] as number) + h;
      matrix[j * k + j] = (matrix[j * k + j] as number) + h;
      matrix[i * k + j] = (matrix[i * k + j] as number) - h;
      matrix[j * k + i] = (matrix[j * k + i] as number) - h;
    }
  }
  factorSpd(matrix, k);
  const covariance = new Float64Array(k * k);
  for (let column = 0; column < k; column += 1) {
    const unit = new Float64Array(k);
    unit[column] = 1;
    const solved = solveFactored(matrix, unit, k);
    for (let row = 0; row < k; row += 1) covariance[row * k + column] = (solved[row] as number) - 1 / k;
  }
  return covariance;
}

/** −∂(Σ_m λ_m L(π)⁺_mm)/∂π_ij = w_ij Σ_m λ_m (L(π)⁺(e_i − e_j))_m², for every pair. */
function gradient(covariance: Float64Array, info: Float64Array, lambda: Float64Array, k: number): Float64Array {
  const d = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) {
    for (let j = i + 1; j < k; j += 1) {
      let sum = 0;
      for (let m = 0; m < k; m += 1) {
        const direction = (covariance[m * k + i] as number) - (covariance[m * k + j] as number);
        sum += (lambda[m] as number) * direction * direction;
      }
      d[i * k + j] = (info[i * k + j] as number) * sum;
    }
  }
  return d;
}

const maxVariance = (covariance: Float64Array, k: number) => {
  let max = 0;
  for (let m = 0; m < k; m += 1) max = Math.max(max, covariance[m * k + m] as number);
  return max;
};

/**
 * Bounds on R* (see above) for true strengths in nats, every pair available. Cost
 * O(ITERATIONS × k³); about a second at 20 models.
 */
export function optimumBound(strengths: readonly number[]): OptimumBound {
  const k = strengths.length;
  const pairs = (k * (k - 1)) / 2;
  const info = new Float64Array(k * k);
  const uniform = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) {
    for (let j = i + 1; j < k; j += 1) {
      const p = 1 / (1 + Math.exp((strengths[j] as number) - (strengths[i] as number)));
      info[i * k + j] = p * (1 - p);
      uniform[i * k + j] = 1 / pairs;
    }
  }
  const uniformMax = maxVariance(centredCovariance(uniform, info, k), k);

  const shares = Float64Array.from(uniform);
  const weightsOf = (covariance: Float64Array) => {
    const max = maxVariance(covariance, k);
    const lambda = Float64Array.from({ length: k }, (_, m) => ((covariance[m * k + m] as number) / max) ** (FOCUS - 1));
    const total = lambda.reduce((s, l) => s + l, 0);
    return lambda.map((l) => l / total);
  };
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const covariance = centredCovariance(shares, info, k);
    const d = gradient(covariance, info, weightsOf(covariance), k);
    let mean = 0;
    for (let c = 0; c < k * k; c += 1) mean += (shares[c] as number) * (d[c] as number);
    let total = 0;
    for (let c = 0; c < k * k; c += 1) {
      shares[c] = (shares[c] as number) * ((d[c] as number) / mean) ** (1 / (FOCUS + 1));
      total += shares[c] as number;
    }
    for (let c = 0; c < k * k; c += 1) shares[c] = (shares[c] as number) / total;
  }

  const covariance = centredCovariance(shares, info, k);
  const lambda = weightsOf(covariance);
  const d = gradient(covariance, info, lambda, k);
  let weighted = 0;
  for (let m = 0; m < k; m += 1) weighted += (lambda[m] as number) * (covariance[m * k + m] as number);
  const steepest = d.reduce((max, v) => Math.max(max, v), 0);
  return {
    lower: (2 * weighted - steepest) / uniformMax,
    upper: maxVariance(covariance, k) / uniformMax,
    shares,
  };
}
