import type { PairTable } from "./pairs";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Robust (sandwich, Huber-White) variance of c'θ at the fitted strengths: u'Ju with u = H⁻¹c,
 * where H is the negative Hessian and J = Σ over votes of the outer product of each vote's score
 * (Huber 1967; White 1980), the estimator LMArena's leaderboard has used by default since 2025.
 * Per pair, the votes' squared residuals (y − p)², with y = 1, ½ or 0 for a win, tie or loss of
 * the pair's first model, are summed from the counts. `u` must already be H⁻¹c.
 */
export function sandwichVariance(table: PairTable, theta: Float64Array, u: Float64Array): number {
  let variance = 0;
  for (let p = 0; p < table.first.length; p += 1) {
    const i = table.first[p] as number;
    const j = table.second[p] as number;
    const s = sigmoid((theta[i] as number) - (theta[j] as number));
    const residuals =
      (table.firstWins[p] as number) * (1 - s) ** 2 +
      (table.secondWins[p] as number) * s * s +
      (table.ties[p] as number) * (0.5 - s) ** 2;
    variance += residuals * ((u[i] as number) - (u[j] as number)) ** 2;
  }
  return variance;
}
