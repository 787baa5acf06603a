import { type BradleyTerryDesign, type OutcomeCounts, outcomeScores, tieParameter } from "./bt-solver";

/**
 * Robust (sandwich, Huber-White) variance of c'θ at the fitted parameters: u'Ju with u = H⁻¹c,
 * where H is the negative Hessian and J = Σ over votes of the outer product of each vote's score
 * (Huber 1967; White 1980), the estimator LMArena's leaderboard has used by default since 2025.
 * Per row, the votes' scores are summed from the counts (outcomeScores: with respect to the
 * linear predictor, and for Davidson's model to ln ν). `u` must already be H⁻¹c (length: every
 * parameter of the design).
 */
export function sandwichVariance(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  u: Float64Array,
): number {
  const tieIndex = tieParameter(design);
  const uTie = tieIndex < 0 ? 0 : (u[tieIndex] as number);
  let variance = 0;
  for (let r = 0; r < design.first.length; r += 1) {
    const du = (u[design.first[r] as number] as number) - (u[design.second[r] as number] as number);
    const [win, loss, tie] = outcomeScores(design, counts, params, r);
    if (tieIndex < 0) {
      // Half a win: every score is along η only, so the squared residuals factor out.
      const residuals =
        (counts.firstWins[r] as number) * win[0] ** 2 +
        (counts.secondWins[r] as number) * -loss[0] * -loss[0] +
        (counts.ties[r] as number) * tie[0] ** 2;
      variance += residuals * du ** 2;
      continue;
    }
    const term = (score: [number, number]) => (score[0] * du + score[1] * uTie) ** 2;
    variance +=
      (counts.firstWins[r] as number) * term(win) +
      (counts.secondWins[r] as number) * term(loss) +
      (counts.ties[r] as number) * term(tie);
  }
  return variance;
}
