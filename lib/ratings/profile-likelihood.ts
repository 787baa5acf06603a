import { type BradleyTerryDesign, derivatives, logLikelihood, type OutcomeCounts, safeStep } from "./bt-solver";
import { factorSpd, solveFactored } from "./cholesky";

/** Half the 95% quantile of χ² with one degree of freedom: the likelihood drop at a 95% bound. */
const HALF_CHI2_95 = 3.841459 / 2;
/** Bounds are found to this precision in nats (about 0.002 rating points). */
const PRECISION = 1e-5;
/** Beyond this distance (nats, about 8,700 points) a bound is the ridge's, not the data's. */
const FARTHEST = 50;

/**
 * The maximum of the penalised log-likelihood subject to c'θ = v, by Newton steps projected on
 * the constraint (the step solves the quadratic model with a Lagrange multiplier). Starts from
 * `start`, moved onto the constraint; returns the maximiser, which warm-starts the next value.
 */
function constrainedFit(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  c: Float64Array,
  v: number,
  start: Float64Array,
): { theta: Float64Array; logLikelihood: number } {
  const k = c.length;
  const cc = c.reduce((s, x) => s + x * x, 0);
  const gap = v - c.reduce((s, x, i) => s + x * (start[i] as number), 0);
  let theta: Float64Array = start.map((t, i) => t + (gap * (c[i] as number)) / cc);
  const gradient = new Float64Array(k);
  const negHessian = new Float64Array(k * k);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    derivatives(design, counts, theta, gradient, negHessian);
    factorSpd(negHessian, k);
    const hg = solveFactored(negHessian, gradient, k);
    const hc = solveFactored(negHessian, c, k);
    const cHg = c.reduce((s, x, i) => s + x * (hg[i] as number), 0);
    const cHc = c.reduce((s, x, i) => s + x * (hc[i] as number), 0);
    const multiplier = cHg / cHc;
    const step = hg.map((x, i) => x - multiplier * (hc[i] as number));
    const largest = step.reduce((max, d) => Math.max(max, Math.abs(d)), 0);
    if (largest < 1e-9) break;
    theta = safeStep(design, counts, theta, step, largest);
  }
  return { theta, logLikelihood: logLikelihood(design, counts, theta) };
}

/**
 * Profile-likelihood 95% bound of c'θ on one side (+1 above, −1 below): the value where the
 * profile log-likelihood has fallen by χ²₁(0.95)/2 from its maximum at `theta` (Venzon &
 * Moolgavkar, "A method for computing profile-likelihood-based confidence intervals", Applied
 * Statistics 37, 1988; here found by bracketing and the Illinois variant of regula falsi).
 * `theta` holds every parameter of the design and `c` has the same length. Returns null when the
 * likelihood does not fall that far within 50 nats.
 */
export function profileBound(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  theta: Float64Array,
  c: Float64Array,
  side: 1 | -1,
  initialStep: number,
): number | null {
  const best = logLikelihood(design, counts, theta);
  const centre = c.reduce((s, x, i) => s + x * (theta[i] as number), 0);
  // drop(d) − threshold, at distance d from the maximum: negative inside the interval.
  let warm = theta;
  const excess = (distance: number) => {
    const fit = constrainedFit(design, counts, c, centre + side * distance, warm);
    warm = fit.theta;
    return best - fit.logLikelihood - HALF_CHI2_95;
  };
  let inside = 0;
  let insideValue = -HALF_CHI2_95;
  let outside = Math.max(initialStep, 1e-3);
  let outsideValue = excess(outside);
  while (outsideValue < 0) {
    if (outside > FARTHEST) return null;
    inside = outside;
    insideValue = outsideValue;
    outside *= 2;
    outsideValue = excess(outside);
  }
  let retained = 0;
  for (let iteration = 0; iteration < 100 && outside - inside > PRECISION; iteration += 1) {
    const next = inside - (insideValue * (outside - inside)) / (outsideValue - insideValue);
    const value = excess(next);
    if (value < 0) {
      inside = next;
      insideValue = value;
      if (retained === 1) outsideValue /= 2;
      retained = 1;
    } else {
      outside = next;
      outsideValue = value;
      if (retained === -1) insideValue /= 2;
      retained = -1;
    }
  }
  return centre + side * ((inside + outside) / 2);
}
