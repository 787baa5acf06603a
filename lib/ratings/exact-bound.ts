import type { TieModel } from "./bt-solver";
import type { PairTable } from "./pairs";
import { POINTS_PER_NAT, type RatingScale } from "./rating-scale";

/**
 * The exact (Clopper-Pearson) 95% bound on a pair's gap when one model won every decisive vote
 * between them: with w wins and no loss, P(win) ≥ 0.025^{1/w} (Clopper & Pearson 1934, "The use
 * of confidence or fiducial limits illustrated in the case of the binomial", Biometrika 26:404;
 * the one-sided 2.5% bound of the two-sided 95% interval), so the gap (natural-log strengths) is
 * at least logit(0.025^{1/w}). 10–0 gives 140 points, 3–0 gives −62 (no evidence of any gap).
 * For Davidson's fit the decisive votes are binomial in the decisive-preference gap whatever the
 * ties; for the half-a-win fit only a pair without ties qualifies.
 */
export function exactGapBound(wins: number): number {
  const p = 0.025 ** (1 / wins);
  return Math.log(p / (1 - p));
}

/**
 * The closed side of a model with an open side (a model no core model has beaten, or that has
 * beaten none), from the exact bound of its most informative one-sided pair: the displayed
 * rating when the model's own strength moves until that pair's gap reaches the exact bound, the
 * others held at their estimates (in the two-model case this is exactly the Clopper-Pearson bound
 * of the pair). Returns [low, high] candidates in rating points, null where none applies; the
 * caller keeps the wider of these and its other bounds. The profile-likelihood bound alone is the
 * asymptotic χ² bound and covers only 75–84% at 3–20 votes in the two-model case.
 */
export function exactClosedSide(
  table: PairTable,
  ties: TieModel,
  theta: Float64Array,
  scale: RatingScale,
  i: number,
  rating: number,
): { low: number | null; high: number | null } {
  const k = table.models.length;
  const moves = POINTS_PER_NAT * (1 - (scale.centre[i * k + i] as number));
  let low: number | null = null;
  let high: number | null = null;
  for (let p = 0; p < table.first.length; p += 1) {
    const first = table.first[p] as number;
    const second = table.second[p] as number;
    if (first !== i && second !== i) continue;
    if (ties === "half" && (table.ties[p] as number) > 0) continue;
    const other = first === i ? second : first;
    const own = first === i ? (table.firstWins[p] as number) : (table.secondWins[p] as number);
    const against = first === i ? (table.secondWins[p] as number) : (table.firstWins[p] as number);
    const gap = (theta[i] as number) - (theta[other] as number);
    if (scale.openHigh[i] && own > 0 && against === 0) {
      const candidate = rating - moves * (gap - exactGapBound(own));
      low = low === null ? candidate : Math.max(low, candidate);
    }
    if (scale.openLow[i] && against > 0 && own === 0) {
      const candidate = rating + moves * (-gap - exactGapBound(against));
      high = high === null ? candidate : Math.min(high, candidate);
    }
  }
  return { low, high };
}
