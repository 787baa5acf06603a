import type { PairTable } from "./pairs";

/**
 * Ridge penalty on the natural-log strengths: a Gaussian prior with variance 1/λ = 1000. It keeps
 * the point estimate of a model with only wins or only losses finite (10–0 puts the pair about
 * 1,360 points apart; the interval is open on that side anyway). Measured against the
 * unpenalised fit on the four real files in SHARED_DIR/real-votes (all votes): 0.001 point at
 * most on GenAI-Arena's 1,978-vote text-to-image file, 0.004 on QLoRA's 4,467, but 0.05 on Copilot
 * Arena's 112 and 0.28 on GenAI-Arena's 83-vote image-editing file: with few votes per model it
 * pulls ratings slightly together.
 */
export const RIDGE = 1e-3;
const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 100;
/** Largest Newton step (in nats) taken without checking the likelihood. */
const SAFE_STEP = 0.5;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function logLikelihood(table: PairTable, scoreFirst: Float64Array, total: Float64Array, theta: Float64Array): number {
  let sum = 0;
  for (let p = 0; p < total.length; p += 1) {
    const d = (theta[table.first[p] as number] as number) - (theta[table.second[p] as number] as number);
    // log σ(d) and log σ(−d), computed stably.
    const logP = -Math.log1p(Math.exp(-Math.abs(d))) + Math.min(d, 0);
    const logQ = logP - d;
    sum += (scoreFirst[p] as number) * logP + ((total[p] as number) - (scoreFirst[p] as number)) * logQ;
  }
  for (let i = 0; i < theta.length; i += 1) sum -= (RIDGE / 2) * (theta[i] as number) ** 2;
  return sum;
}

/** Cholesky factor of a symmetric positive-definite A (row-major, k×k), in place (lower triangle). */
export function factorSpd(a: Float64Array, k: number): void {
  for (let j = 0; j < k; j += 1) {
    let d = a[j * k + j] as number;
    for (let m = 0; m < j; m += 1) d -= (a[j * k + m] as number) ** 2;
    const root = Math.sqrt(d);
    a[j * k + j] = root;
    for (let i = j + 1; i < k; i += 1) {
      let s = a[i * k + j] as number;
      for (let m = 0; m < j; m += 1) s -= (a[i * k + m] as number) * (a[j * k + m] as number);
      a[i * k + j] = s / root;
    }
  }
}

/** Solves A x = b given A's Cholesky factor from factorSpd. */
export function solveFactored(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i += 1) {
    let s = x[i] as number;
    for (let m = 0; m < i; m += 1) s -= (a[i * k + m] as number) * (x[m] as number);
    x[i] = s / (a[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i -= 1) {
    let s = x[i] as number;
    for (let m = i + 1; m < k; m += 1) s -= (a[m * k + i] as number) * (x[m] as number);
    x[i] = s / (a[i * k + i] as number);
  }
  return x;
}

/** Solves A x = b for a symmetric positive-definite A, overwriting A with its factor. */
export function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  factorSpd(a, k);
  return solveFactored(a, b, k);
}

/** Each pair's score for its first model (ties count half) and its number of votes. */
export interface PairScores {
  scoreFirst: Float64Array;
  total: Float64Array;
}

export function pairScores(counts: {
  firstWins: Float64Array;
  secondWins: Float64Array;
  ties: Float64Array;
}): PairScores {
  const pairs = counts.firstWins.length;
  const scoreFirst = new Float64Array(pairs);
  const total = new Float64Array(pairs);
  for (let p = 0; p < pairs; p += 1) {
    scoreFirst[p] = (counts.firstWins[p] as number) + (counts.ties[p] as number) / 2;
    total[p] = (counts.firstWins[p] as number) + (counts.secondWins[p] as number) + (counts.ties[p] as number);
  }
  return { scoreFirst, total };
}

/** Penalised log-likelihood of strengths `theta` (natural-log scale). */
export function penalisedLogLikelihood(table: PairTable, scores: PairScores, theta: Float64Array): number {
  return logLikelihood(table, scores.scoreFirst, scores.total, theta);
}

/**
 * Gradient and negative Hessian (row-major k×k, positive definite thanks to the ridge) of the
 * penalised log-likelihood at `theta`, written into the given arrays.
 */
export function derivatives(
  table: PairTable,
  scores: PairScores,
  theta: Float64Array,
  gradient: Float64Array,
  negHessian: Float64Array,
): void {
  const k = table.models.length;
  gradient.fill(0);
  negHessian.fill(0);
  for (let i = 0; i < k; i += 1) {
    gradient[i] = -RIDGE * (theta[i] as number);
    negHessian[i * k + i] = RIDGE;
  }
  for (let p = 0; p < table.first.length; p += 1) {
    const i = table.first[p] as number;
    const j = table.second[p] as number;
    const n = scores.total[p] as number;
    const s = sigmoid((theta[i] as number) - (theta[j] as number));
    const g = (scores.scoreFirst[p] as number) - n * s;
    const h = n * s * (1 - s);
    gradient[i] = (gradient[i] as number) + g;
    gradient[j] = (gradient[j] as number) - g;
    negHessian[i * k + i] = (negHessian[i * k + i] as number) + h;
    negHessian[j * k + j] = (negHessian[j * k + j] as number) + h;
    negHessian[i * k + j] = (negHessian[i * k + j] as number) - h;
    negHessian[j * k + i] = (negHessian[j * k + i] as number) - h;
  }
}

/**
 * Maximum-likelihood Bradley-Terry strengths (natural-log scale) with the ridge above, by
 * Newton's method with step halving. `firstWins` and `ties` give each pair's score for its first
 * model (ties count half); `start` warm-starts the iteration (bootstrap rounds start from the
 * point estimate and converge in two or three steps).
 */
export function fitStrengths(
  table: PairTable,
  counts: { firstWins: Float64Array; secondWins: Float64Array; ties: Float64Array },
  start?: Float64Array,
): Float64Array {
  const k = table.models.length;
  const scores = pairScores(counts);
  let theta: Float64Array = start ? Float64Array.from(start) : new Float64Array(k);
  const gradient = new Float64Array(k);
  const negHessian = new Float64Array(k * k);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    derivatives(table, scores, theta, gradient, negHessian);
    const step = solveSpd(negHessian, gradient, k);
    const largest = step.reduce((max, d) => Math.max(max, Math.abs(d)), 0);
    if (largest < TOLERANCE) break;
    theta = safeStep(table, scores, theta, step, largest);
  }
  return theta;
}

/**
 * theta + step, halved until the likelihood does not fall when the step is large. Near the
 * optimum a full Newton step is safe on this concave likelihood; far from it (first iterations,
 * lopsided data) it may overshoot.
 */
export function safeStep(
  table: PairTable,
  scores: PairScores,
  theta: Float64Array,
  step: Float64Array,
  largest: number,
): Float64Array {
  let next = theta.map((t, i) => t + (step[i] as number));
  if (largest <= SAFE_STEP) return next;
  const current = penalisedLogLikelihood(table, scores, theta);
  let scale = 1;
  for (let halving = 0; halving < 30; halving += 1) {
    next = theta.map((t, i) => t + scale * (step[i] as number));
    if (penalisedLogLikelihood(table, scores, next) >= current - 1e-12) break;
    scale /= 2;
  }
  return next;
}
