import { fitStrengths, pairDesign, RIDGE, TIE_RIDGE } from "./bt-fit";
import { type BradleyTerryDesign, fitBradleyTerryDesign, type TieModel } from "./bt-solver";
import { buildPairTable, connectedComponents } from "./pairs";
import { buildRatingScale, POINTS_PER_NAT, toDisplayed } from "./rating-scale";
import { isProvisional } from "./provisional";
import { tallyModels } from "./summary";
import type { PairCell } from "./types";

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** What a left/right term would do to a board (positionTermEffect). */
export interface PositionTermEffect {
  /** The fitted left-side advantage β, in rating points (0: none; 70 ≈ 60% of decisive votes between equals). */
  termPoints: number;
  /**
   * Largest |change| of any established model's rating, in points, when the term is fitted with
   * the models (isProvisional: a provisional point leans on the ridge or on a handful of votes,
   * and a term fitted to them moves it by hundreds of points); null when no model is established.
   */
  moves: number | null;
}

/**
 * How far a left/right (position) term would move the board. The plain fit compares unordered
 * pairs; this one fits the same strengths on ordered (left, right) cells with a constant covariate
 * x = 1 for every row, so η = θ_left − θ_right + β (the contextual Bradley-Terry model of style
 * control, Li et al. 2024, with position as the one feature), by the one solver with the plain
 * fit's ridges and tie model. Both fits are put on the plain fit's scale (groups, core, vote
 * weights: RatingScale) and compared model by model. With sides drawn at random a left preference
 * cannot favour one model, so `moves` is small; when some models sit on the left more often it is
 * not (docs/ratings.md, "Position bias"). Cells name the left model `modelA`.
 */
export function positionTermEffect(cells: readonly PairCell[], ties: TieModel = "davidson"): PositionTermEffect {
  // Sorted, so the same votes read in any order give the same numbers (the server and the CLI).
  const rated = cells
    .filter((c) => c.winsA + c.winsB + c.ties + c.bothBad > 0)
    .sort((x, y) => compare(x.modelA, y.modelA) || compare(x.modelB, y.modelB));
  if (rated.length === 0) return { termPoints: 0, moves: null };
  const table = buildPairTable(rated);
  const k = table.models.length;
  const tallies = tallyModels(rated);
  const votes = Float64Array.from(table.models, (m) => tallies.get(m)?.votes ?? 0);
  const scale = buildRatingScale(table, connectedComponents(table), votes);
  const plain = toDisplayed(fitStrengths(pairDesign(table, ties), table).subarray(0, k), scale);

  const index = new Map(table.models.map((m, i) => [m, i]));
  const ridge = new Float64Array(k + 1 + (ties === "davidson" ? 1 : 0)).fill(RIDGE);
  if (ties === "davidson") ridge[k + 1] = TIE_RIDGE;
  const design: BradleyTerryDesign = {
    strengths: k,
    first: Int32Array.from(rated, (c) => index.get(c.modelA) as number),
    second: Int32Array.from(rated, (c) => index.get(c.modelB) as number),
    covariates: rated.map(() => Float64Array.of(1)),
    features: 1,
    ties,
    ridge,
  };
  const fitted = fitBradleyTerryDesign(design, {
    firstWins: Float64Array.from(rated, (c) => c.winsA),
    secondWins: Float64Array.from(rated, (c) => c.winsB),
    ties: Float64Array.from(rated, (c) => c.ties + c.bothBad),
  });
  const withTerm = toDisplayed(fitted.subarray(0, k), scale);
  let moves: number | null = null;
  for (let i = 0; i < k; i += 1)
    if (
      !isProvisional({
        votes: votes[i] as number,
        ciLow: scale.openLow[i] ? null : (plain[i] as number),
        ciHigh: scale.openHigh[i] ? null : (plain[i] as number),
      })
    )
      moves = Math.max(moves ?? 0, Math.abs((withTerm[i] as number) - (plain[i] as number)));
  return { termPoints: POINTS_PER_NAT * (fitted[k] as number), moves };
}
