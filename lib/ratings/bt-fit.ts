import { type BradleyTerryDesign, fitBradleyTerryDesign, type OutcomeCounts, type TieModel } from "./bt-solver";
import type { PairTable } from "./pairs";

/**
 * Ridge penalty on the natural-log strengths: a Gaussian prior with variance 1/λ = 10⁶. It keeps
 * the point estimate of a model with only wins or only losses finite (its interval is open on
 * that side and the row provisional) while moving every model the votes bound by under 0.003
 * points on the four real files in SHARED_DIR/real-votes (λ = 10⁻³ moved an established model
 * of the 64-vote edit file by 0.45): see docs/ratings.md and tests/unit/ratings/ridge-effect.test.ts.
 */
export const RIDGE = 1e-6;

/**
 * Prior precision of Davidson's ln ν: Normal(0, 10), so a priori ν lies within e^{±6.2}. Ties alone
 * say nothing about which model voters prefer, and without any decisive vote ν has no maximum;
 * this prior keeps a ties-only file's interval finite (10 ties: about ±500 points) while moving a
 * 100-vote pair's rating by under 0.05 points (docs/ratings.md).
 */
export const TIE_RIDGE = 0.1;

/**
 * The plain Bradley-Terry design of a pair table: one row per unordered model pair, no
 * covariates, the ridge above on every strength and TIE_RIDGE on Davidson's ln ν.
 */
export function pairDesign(table: PairTable, ties: TieModel): BradleyTerryDesign {
  const k = table.models.length;
  const ridge = new Float64Array(k + (ties === "davidson" ? 1 : 0)).fill(RIDGE);
  if (ties === "davidson") ridge[k] = TIE_RIDGE;
  return { strengths: k, first: table.first, second: table.second, features: 0, ties, ridge };
}

/**
 * Maximum penalised-likelihood strengths (natural-log scale; for Davidson, ln ν last) of a pair
 * design for the given counts (the table's own, or a bootstrap resample); `start` warm-starts
 * the iteration (bootstrap rounds start from the point estimate and converge in three to five
 * steps) and stops it without waiting for the strengths' common shift, which only the ridge
 * sees (SolverOptions.shiftFree): read such a fit centred, as toDisplayed does.
 */
export function fitStrengths(design: BradleyTerryDesign, counts: OutcomeCounts, start?: Float64Array): Float64Array {
  return fitBradleyTerryDesign(design, counts, start ? { start, shiftFree: true } : {});
}
