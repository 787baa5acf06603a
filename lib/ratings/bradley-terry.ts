import { type Random, seededRandom } from "../random";
import { fitStrengths } from "./bt-fit";
import { buildPairTable, connectedComponents, type PairTable } from "./pairs";
import { createGaussian, resampleMultinomial } from "./sampling";
import { quantile, summarise } from "./summary";
import { BASE, INITIAL_RATING, type PairCell, type RatingsResult, SCALE } from "./types";

export interface BradleyTerryOptions {
  /** Bootstrap rounds for the 95% intervals (default 1,000; 0 gives zero-width intervals). */
  bootstrap?: number;
  seed?: number;
  /** Shift the scale so this model sits at this rating (LMArena anchors a reference model). */
  anchor?: { model: string; rating: number };
}

const POINTS_PER_NAT = SCALE / Math.log(BASE);

/** Natural-log strengths to ratings: centred on 1000, or shifted to the anchor. */
function toRatings(theta: Float64Array, table: PairTable, anchor: BradleyTerryOptions["anchor"]): Float64Array {
  const ratings = theta.map((t) => INITIAL_RATING + POINTS_PER_NAT * t);
  const anchorIndex = anchor ? table.models.indexOf(anchor.model) : -1;
  if (anchor && anchorIndex >= 0) {
    const shift = anchor.rating - (ratings[anchorIndex] as number);
    for (let i = 0; i < ratings.length; i += 1) ratings[i] = (ratings[i] as number) + shift;
  }
  return ratings;
}

/** Bootstrap ratings per model: `rounds` resamples of the votes, each refitted from the point estimate. */
function bootstrapRatings(
  table: PairTable,
  theta: Float64Array,
  options: Required<Pick<BradleyTerryOptions, "bootstrap">> & BradleyTerryOptions,
  random: Random,
): Float64Array[] {
  const pairs = table.first.length;
  // The 3·pairs outcome categories, resampled together (one multinomial over all votes).
  const counts = new Float64Array(3 * pairs);
  counts.set(table.firstWins, 0);
  counts.set(table.secondWins, pairs);
  counts.set(table.ties, 2 * pairs);
  const drawn = new Float64Array(3 * pairs);
  const gaussian = createGaussian(random);
  const samples = table.models.map(() => new Float64Array(options.bootstrap));
  for (let round = 0; round < options.bootstrap; round += 1) {
    resampleMultinomial(counts, drawn, random, gaussian);
    const resampled = {
      firstWins: drawn.subarray(0, pairs),
      secondWins: drawn.subarray(pairs, 2 * pairs),
      ties: drawn.subarray(2 * pairs),
    };
    const ratings = toRatings(fitStrengths(table, resampled, theta), table, options.anchor);
    ratings.forEach((r, i) => ((samples[i] as Float64Array)[round] = r));
  }
  return samples;
}

/**
 * Bradley-Terry ratings from aggregated votes (ties and both-bad count half a win each side), with
 * percentile-bootstrap 95% intervals over votes, rank (UB), tallies, pair matrices and position
 * bias. Seeded: the same cells and seed give the same numbers.
 */
export function computeBradleyTerry(cells: readonly PairCell[], options: BradleyTerryOptions = {}): RatingsResult {
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 42;
  const table = buildPairTable(cells);
  const components = connectedComponents(table);
  const warnings: string[] = [];
  if (components.length > 1) {
    warnings.push(
      `the votes form ${components.length} groups that were never compared with each other (${components
        .map((c) => c.join(", "))
        .join(" | ")}); ratings are comparable only within a group`,
    );
  }
  if (options.anchor && !table.models.includes(options.anchor.model)) {
    throw new Error(`anchor model "${options.anchor.model}" has no votes`);
  }
  const theta = fitStrengths(table, table);
  const point = toRatings(theta, table, options.anchor);
  const samples = bootstrap > 0 ? bootstrapRatings(table, theta, { ...options, bootstrap }, seededRandom(seed)) : [];
  const ratings = new Map(
    table.models.map((model, i) => {
      const rating = point[i] as number;
      const sorted = samples[i]?.sort();
      return [
        model,
        { rating, ciLow: sorted ? quantile(sorted, 0.025) : rating, ciHigh: sorted ? quantile(sorted, 0.975) : rating },
      ];
    }),
  );
  if (table.models.length === 1) warnings.push("only one model has votes: there is nothing to rank it against");
  return {
    method: "bt",
    ...summarise(cells, ratings),
    components,
    warnings,
    params: { bootstrap, seed, ...(options.anchor ? { anchor: options.anchor } : {}) },
  };
}
