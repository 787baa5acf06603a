import { type BradleyTerryDesign, fitBradleyTerryDesign, type OutcomeCounts, type TieModel } from "./bt-solver";
import type { PairTable } from "./pairs";

/**
 * Ridge penalty on the natural-log strengths: a Gaussian prior with variance 1/λ = 1000. It keeps
 * the point estimate of a model with only wins or only losses finite (10–0 puts the pair about
 * 1,360 points apart; the interval is open on that side anyway). Measured against the
 * unpenalised fit on the four real files in SHARED_DIR/real-votes: see docs/ratings.md.
 */
export const RIDGE = 1e-3;

/**
 * The plain Bradley-Terry design of a pair table: one row per unordered model pair, no
 * covariates, the ridge above on every parameter (Davidson's ln ν included, which keeps a
 * ties-only file finite).
 */
export function pairDesign(table: PairTable, ties: TieModel): BradleyTerryDesign {
  const k = table.models.length;
  const n = k + (ties === "davidson" ? 1 : 0);
  return {
    strengths: k,
    first: table.first,
    second: table.second,
    features: 0,
    ties,
    ridge: new Float64Array(n).fill(RIDGE),
  };
}

/**
 * Maximum penalised-likelihood strengths (natural-log scale; for Davidson, ln ν last) of a pair
 * design for the given counts (the table's own, or a bootstrap resample); `start` warm-starts
 * the iteration (bootstrap rounds start from the point estimate and converge in two or three
 * steps).
 */
export function fitStrengths(design: BradleyTerryDesign, counts: OutcomeCounts, start?: Float64Array): Float64Array {
  return fitBradleyTerryDesign(design, counts, start ? { start } : {});
}
