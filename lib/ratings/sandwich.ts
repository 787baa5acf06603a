import type { ClusterTable } from "./cluster-resample";
import { type BradleyTerryDesign, type OutcomeCounts, outcomeScores, tieParameter } from "./bt-solver";

/**
 * Robust (sandwich, Huber-White) variance of c'θ at the fitted parameters: u'Ju with u = H⁻¹c,
 * where H is the negative Hessian and J = Σ over votes of the outer product of each vote's score
 * (Huber 1967; White 1980), the estimator LMArena's leaderboard has used by default since 2025.
 * Per row, the votes' scores are summed from the counts (outcomeScores: with respect to the
 * linear predictor, and for Davidson's model to ln ν). `u` must already be H⁻¹c (length: every
 * parameter of the design). With `units` (buildVoteUnits: votes that imply several pairs, such as
 * a quad's rank breaking), J sums the outer product of each whole vote's score, the sum of its
 * pairs' scores, so a quad is one observation (the clustered sandwich, Liang & Zeger 1986).
 */
export function sandwichVariance(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  u: Float64Array,
  units: ClusterTable | null = null,
): number {
  const tieIndex = tieParameter(design);
  const uTie = tieIndex < 0 ? 0 : (u[tieIndex] as number);
  if (units) return unitVariance(design, counts, params, u, uTie, units);
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

/** J's quadratic form u'Ju over whole-vote units: Σ_units multiplicity · (Σ_entries count · score·u)². */
function unitVariance(
  design: BradleyTerryDesign,
  counts: OutcomeCounts,
  params: Float64Array,
  u: Float64Array,
  uTie: number,
  units: ClusterTable,
): number {
  const rows = design.first.length;
  // Each outcome category's score projected on u: rows × [first wins, second wins, tie].
  const projected = new Float64Array(3 * rows);
  for (let r = 0; r < rows; r += 1) {
    const du = (u[design.first[r] as number] as number) - (u[design.second[r] as number] as number);
    outcomeScores(design, counts, params, r).forEach(
      (score, outcome) => (projected[outcome * rows + r] = score[0] * du + score[1] * uTie),
    );
  }
  let variance = 0;
  for (let c = 0; c + 1 < units.offsets.length; c += 1) {
    let score = 0;
    for (let e = units.offsets[c] as number; e < (units.offsets[c + 1] as number); e += 1)
      score += (units.count[e] as number) * (projected[units.category[e] as number] as number);
    variance += (units.multiplicity?.[c] ?? 1) * score ** 2;
  }
  return variance;
}
