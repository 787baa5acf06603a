import { solveSpd } from "./cholesky";

/**
 * The one Bradley-Terry solver. Every fit of the product — the leaderboard's plain fit, style
 * control's contextual fit and the sampler's Laplace estimates — is this penalised likelihood on
 * its own design, maximised by the same Newton iteration (one rating system, each caller only
 * states its rows, covariates, tie model and prior; the shape of lmarena/arena-rank, where models
 * define a loss and share the optimiser).
 *
 * Parameters (natural-log scale), in this order: k strengths θ, p covariate effects β, then, for
 * the Davidson model only, the log tie parameter a = ln ν. Row r compares `first[r]` with
 * `second[r]` through the linear predictor η = θ_first − θ_second + βᵀx_r.
 *
 * Tie models:
 * - "half": a tie counts half a win each side (FastChat/LMArena): P(first wins) = σ(η) with the
 *   score w + t/2 out of n (Bradley & Terry 1952).
 * - "davidson": Davidson (1970), "On extending the Bradley-Terry model to accommodate ties in
 *   paired comparison experiments", JASA 65: P(win) ∝ e^{η/2}, P(loss) ∝ e^{−η/2}, P(tie) ∝ ν.
 *   Given that the vote is decisive, P(first wins) = σ(η) exactly, so θ is the decisive-preference
 *   strength. With no tie in the counts ν is 0 (its maximum-likelihood value) and the fit is the
 *   plain Bradley-Terry fit of the decisive votes.
 */
export type TieModel = "half" | "davidson";

export interface BradleyTerryDesign {
  /** Number of strengths k. */
  strengths: number;
  /** Per row: the strengths compared (indices below k, first ≠ second). */
  first: Int32Array;
  second: Int32Array;
  /** Per row: the covariate differences x_r (each of length `features`); omitted when features = 0. */
  covariates?: readonly Float64Array[];
  features: number;
  ties: TieModel;
  /** Prior precision (ridge, in 1/nats²) of each parameter; length parameterCount(design). */
  ridge: Float64Array;
}

/** Per row: the first's wins, the second's wins, ties (both kinds). */
export interface OutcomeCounts {
  firstWins: Float64Array;
  secondWins: Float64Array;
  ties: Float64Array;
}

/** How Newton steps are kept safe far from the optimum. */
export interface SolverOptions {
  start?: Float64Array;
  /** Stop when the largest Newton step is below this (nats). Default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
  /**
   * Steps up to this size (nats) are taken as they are; a larger one is halved until the
   * likelihood does not fall (default 0.5; 0 checks every step).
   */
  checkAbove?: number;
  /** Instead of halving, scale a step down to this largest size (nats). */
  maxStep?: number;
  /**
   * Leave the strengths' common shift (the mean of their step) out of the stopping rule. The
   * likelihood does not see that shift, only the 1e-6 ridge does, so near the optimum its step
   * is rounding noise (about 1e-9 nats at a million votes) that often never falls below the
   * tolerance: a warm-started refit then ran to maxIterations. For fits whose strengths are
   * only read centred (the bootstrap's refits, see toDisplayed).
   */
  shiftFree?: boolean;
}

/** Number of parameters: strengths, covariate effects, and Davidson's log tie parameter. */
export function parameterCount(design: BradleyTerryDesign): number {
  return design.strengths + design.features + (design.ties === "davidson" ? 1 : 0);
}

/** Index of Davidson's ln ν among the parameters, −1 for the half-a-win model. */
export function tieParameter(design: BradleyTerryDesign): number {
  return design.ties === "davidson" ? design.strengths + design.features : -1;
}

function hasTies(counts: OutcomeCounts): boolean {
  for (let r = 0; r < counts.ties.length; r += 1) if ((counts.ties[r] as number) > 0) return true;
  return false;
}

function linearPredictor(design: BradleyTerryDesign, params: Float64Array, r: number): number {
  let eta = (params[design.first[r] as number] as number) - (params[design.second[r] as number] as number);
  if (design.features > 0) {
    const x = design.covariates?.[r] as Float64Array;
    const k = design.strengths;
    for (let f = 0; f < design.features; f += 1) eta += (params[k + f] as number) * (x[f] as number);
  }
  return eta;
}

/** Davidson's outcome probabilities at η and ln ν = a (ν = 0 when `tieFree`), computed stably. */
export function davidsonProbabilities(
  eta: number,
  a: number,
  tieFree: boolean,
): { win: number; loss: number; tie: number; logNormaliser: number } {
  const half = eta / 2;
  const m = Math.abs(half);
  const win = Math.exp(half - m);
  const loss = Math.exp(-half - m);
  const tie = tieFree ? 0 : Math.exp(a - m);
  const sum = win + loss + tie;
  return { win: win / sum, loss: loss / sum, tie: tie / sum, logNormaliser: m + Math.log(sum) };
}

/**
 * Penalised log-likelihood of `params` (see the top of this file): Σ_r log P(counts_r) − Σ ridge_i
 * params_i² / 2, in nats. A Davidson tie parameter is left out when the counts hold no tie.
 */
export function logLikelihood(design: BradleyTerryDesign, counts: OutcomeCounts, params: Float64Array): number {
  const rows = design.first.length;
  const tieIndex = tieParameter(design);
  const tieFree = tieIndex >= 0 && !hasTies(counts);
  let sum = 0;
  for (let r = 0; r < rows; r += 1) {
    const eta = linearPredictor(design, params, r);
    const w = counts.firstWins[r] as number;
    const l = counts.secondWins[r] as number;
    const t = counts.ties[r] as number;
    if (tieIndex < 0) {
      // log σ(η) and log σ(−η), computed stably; a tie is half a win.
      const logP = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(eta, 0);
      const score = w + t / 2;
      const total = w + l + t;
      sum += score * logP + (total - score) * (logP - eta);
    } else {
      const a = params[tieIndex] as number;
      const p = davidsonProbabilities(eta, a, tieFree);
      sum += ((w - l) * eta) / 2 + (t > 0 ? t * a : 0) - (w + l + t) * p.logNormaliser;
    }
  }
  for (let i = 0; i < params.length; i += 1) {
    if (i === tieIndex && tieFree) continue;
    sum -= ((design.ridge[i] as number) / 2) * (params[i] as number) ** 2;
  }
  return sum;
}

/**
 * Gradient and negative Hessian (row-major n×n, n = parameterCount; positive definite thanks to
 * the ridge) of the penalised log-likelihood at `params`, written into the given arrays. For a
 * Davidson fit whose counts hold no tie, ln ν's row is the identity and its gradient 0, so
 * Newton leaves it where it is and the strengths are the decisive votes' fit.
 */
export function derivatives(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  gradient: Float64Array,
  negHessian: Float64Array,
): void {
  const n = params.length;
  const tieIndex = tieParameter(design);
  const tieFree = tieIndex >= 0 && !hasTies(counts);
  negHessian.fill(0);
  for (let i = 0; i < n; i += 1) {
    gradient[i] = -(design.ridge[i] as number) * (params[i] as number);
    negHessian[i * n + i] = design.ridge[i] as number;
  }
  if (tieFree) {
    gradient[tieIndex] = 0;
    negHessian[tieIndex * n + tieIndex] = 1;
  }
  for (let r = 0; r < design.first.length; r += 1) {
    const w = counts.firstWins[r] as number;
    const l = counts.secondWins[r] as number;
    const t = counts.ties[r] as number;
    const total = w + l + t;
    if (total === 0) continue;
    const eta = linearPredictor(design, params, r);
    let g: number;
    let h: number;
    if (tieIndex < 0) {
      const s = 1 / (1 + Math.exp(-eta));
      g = w + t / 2 - total * s;
      h = total * s * (1 - s);
    } else {
      // davidsonProbabilities' numbers, bit for bit, without its object, its logarithm and the
      // exponential of 0 (the bootstrap's refits spend most of their time on these rows).
      const half = eta / 2;
      const m = Math.abs(half);
      const smaller = Math.exp(-m - m);
      const win = half >= 0 ? 1 : smaller;
      const loss = half >= 0 ? smaller : 1;
      const tie = tieFree ? 0 : Math.exp((params[tieIndex] as number) - m);
      const sum = win + loss + tie;
      const pWin = win / sum;
      const pLoss = loss / sum;
      const skew = pWin - pLoss;
      g = (w - l) / 2 - (total * skew) / 2;
      h = (total * (pWin + pLoss - skew * skew)) / 4;
      if (!tieFree) {
        // ln ν's own terms and its cross terms with the row's design vector v: h_ea · v.
        const pTie = tie / sum;
        const cross = (-total * pTie * skew) / 2;
        gradient[tieIndex] = (gradient[tieIndex] as number) + t - total * pTie;
        negHessian[tieIndex * n + tieIndex] =
          (negHessian[tieIndex * n + tieIndex] as number) + total * pTie * (1 - pTie);
        addCross(design, r, cross, tieIndex, n, negHessian);
      }
    }
    addRow(design, r, g, h, n, gradient, negHessian);
  }
}

/** Adds g·v to the gradient and h·v vᵀ to the negative Hessian for row r's design vector v. */
function addRow(
  design: BradleyTerryDesign,
  r: number,
  g: number,
  h: number,
  n: number,
  gradient: Float64Array,
  negHessian: Float64Array,
): void {
  const i = design.first[r] as number;
  const j = design.second[r] as number;
  gradient[i] = (gradient[i] as number) + g;
  gradient[j] = (gradient[j] as number) - g;
  negHessian[i * n + i] = (negHessian[i * n + i] as number) + h;
  negHessian[i * n + j] = (negHessian[i * n + j] as number) - h;
  negHessian[j * n + i] = (negHessian[j * n + i] as number) - h;
  negHessian[j * n + j] = (negHessian[j * n + j] as number) + h;
  // Kept apart so this function stays small enough to inline: a call passing g and h boxed them
  // both, megabytes of garbage a second in the bootstrap.
  if (design.features > 0) addCovariateRow(design, r, g, h, n, gradient, negHessian);
}

/** addRow's part for the covariates x_r: g·x, h·x vᵀ and its transpose, h·x xᵀ. */
function addCovariateRow(
  design: BradleyTerryDesign,
  r: number,
  g: number,
  h: number,
  n: number,
  gradient: Float64Array,
  negHessian: Float64Array,
): void {
  const i = design.first[r] as number;
  const j = design.second[r] as number;
  const x = design.covariates?.[r] as Float64Array;
  const k = design.strengths;
  for (let f = 0; f < design.features; f += 1) {
    const xf = x[f] as number;
    if (xf === 0) continue;
    const hx = h * xf;
    gradient[k + f] = (gradient[k + f] as number) + g * xf;
    negHessian[i * n + k + f] = (negHessian[i * n + k + f] as number) + hx;
    negHessian[j * n + k + f] = (negHessian[j * n + k + f] as number) - hx;
    negHessian[(k + f) * n + i] = (negHessian[(k + f) * n + i] as number) + hx;
    negHessian[(k + f) * n + j] = (negHessian[(k + f) * n + j] as number) - hx;
    for (let e = 0; e < design.features; e += 1) {
      const xe = x[e] as number;
      if (xe !== 0) negHessian[(k + f) * n + k + e] = (negHessian[(k + f) * n + k + e] as number) + hx * xe;
    }
  }
}

/** Adds c·v to column and row `other` of the negative Hessian (v: row r's design vector). */
function addCross(
  design: BradleyTerryDesign,
  r: number,
  c: number,
  other: number,
  n: number,
  negHessian: Float64Array,
): void {
  addSymmetric(negHessian, n, design.first[r] as number, other, c);
  addSymmetric(negHessian, n, design.second[r] as number, other, -c);
  const x = design.covariates?.[r];
  for (let f = 0; x && f < design.features; f += 1)
    if (x[f] !== 0) addSymmetric(negHessian, n, design.strengths + f, other, c * (x[f] as number));
}

/** Adds `value` to entries (index, other) and (other, index) of an n×n matrix. */
function addSymmetric(matrix: Float64Array, n: number, index: number, other: number, value: number): void {
  matrix[index * n + other] = (matrix[index * n + other] as number) + value;
  matrix[other * n + index] = (matrix[other * n + index] as number) + value;
}

/**
 * params + step, halved until the penalised likelihood does not fall when the step is larger
 * than `checkAbove` (near the optimum a full Newton step is safe on this concave likelihood; far
 * from it, on lopsided data, it may overshoot).
 */
export function safeStep(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  step: Float64Array,
  largest: number,
  checkAbove = 0.5,
): Float64Array {
  let next = params.map((t, i) => t + (step[i] as number));
  if (largest <= checkAbove) return next;
  const current = logLikelihood(design, counts, params);
  let scale = 1;
  for (let halving = 0; halving < 30; halving += 1) {
    next = params.map((t, i) => t + scale * (step[i] as number));
    if (logLikelihood(design, counts, next) >= current - 1e-12) break;
    scale /= 2;
  }
  return next;
}

/** The largest entry of `step` once the mean of its first `strengths` entries is taken from those. */
function largestBesidesShift(step: Float64Array, strengths: number): number {
  let shift = 0;
  for (let i = 0; i < strengths; i += 1) shift += step[i] as number;
  shift /= strengths;
  let largest = 0;
  for (let i = 0; i < step.length; i += 1)
    largest = Math.max(largest, Math.abs((step[i] as number) - (i < strengths ? shift : 0)));
  return largest;
}

/**
 * Maximum penalised likelihood of a Bradley-Terry design (see the top of this file) by Newton's
 * method (iteratively reweighted least squares for the logistic case), from `start` or zero.
 * Returns every parameter (strengths, effects, ln ν); a Davidson fit without ties leaves ln ν
 * at its start. Cost: O(iterations × (rows · p² + n³)).
 */
export function fitBradleyTerryDesign(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  options: SolverOptions = {},
): Float64Array {
  const n = parameterCount(design);
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  let params: Float64Array = options.start ? Float64Array.from(options.start) : new Float64Array(n);
  const gradient = new Float64Array(n);
  const negHessian = new Float64Array(n * n);
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    derivatives(design, counts, params, gradient, negHessian);
    const step = solveSpd(negHessian, gradient, n);
    let largest = 0;
    for (let i = 0; i < n; i += 1) largest = Math.max(largest, Math.abs(step[i] as number));
    if ((options.shiftFree ? largestBesidesShift(step, design.strengths) : largest) < tolerance) break;
    if (options.maxStep !== undefined) {
      const scale = largest > options.maxStep ? options.maxStep / largest : 1;
      params = params.map((t, i) => t + scale * (step[i] as number));
    } else {
      params = safeStep(design, counts, params, step, largest, options.checkAbove ?? 0.5);
    }
  }
  return params;
}

/**
 * Per row, each outcome's score (derivative of its log-probability) with respect to η and to
 * ln ν (0 for the half-a-win model): [win, loss, tie] × [η, ln ν]. The sandwich variance sums
 * their outer products over votes.
 */
export function outcomeScores(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  r: number,
): [[number, number], [number, number], [number, number]] {
  const eta = linearPredictor(design, params, r);
  const tieIndex = tieParameter(design);
  if (tieIndex < 0) {
    const s = 1 / (1 + Math.exp(-eta));
    return [
      [1 - s, 0],
      [-s, 0],
      [0.5 - s, 0],
    ];
  }
  const tieFree = !hasTies(counts);
  const p = davidsonProbabilities(eta, params[tieIndex] as number, tieFree);
  const skew = (p.win - p.loss) / 2;
  return [
    [0.5 - skew, -p.tie],
    [-0.5 - skew, -p.tie],
    [-skew, tieFree ? 0 : 1 - p.tie],
  ];
}
