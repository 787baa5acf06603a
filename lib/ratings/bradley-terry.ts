import { type Random, seededRandom } from "../random";
import { fitStrengths, pairDesign } from "./bt-fit";
import { type BradleyTerryDesign, derivatives, type TieModel } from "./bt-solver";
import { factorSpd, solveFactored } from "./cholesky";
import { exactClosedSide } from "./exact-bound";
import {
  buildClusterTable,
  buildVoteUnits,
  type ClusterTable,
  type ClusterUnit,
  MIN_CLUSTERS,
  resampleClusters,
  resampleVoteUnits,
  tooFewClustersWarning,
  type VoteUnits,
} from "./cluster-resample";
import { buildPairTable, connectedComponents, type PairTable } from "./pairs";
import { profileBound } from "./profile-likelihood";
import { buildRatingScale, contrast, POINTS_PER_NAT, type RatingScale, toDisplayed } from "./rating-scale";
import { createGaussian, resampleMultinomial } from "./sampling";
import { sandwichVariance } from "./sandwich";
import type { GroupedVote } from "./rank-breaking";
import { quantile, type RatingInterval, summarise } from "./summary";
import type { IntervalMethod, PairCell, RatingsResult } from "./types";

export interface BradleyTerryOptions {
  /** Bootstrap rounds for the 95% intervals (default 1,000; 0: profile-likelihood intervals only). */
  bootstrap?: number;
  seed?: number;
  /** Put this model at this rating; its group is measured from it (LMArena anchors a reference model). */
  anchor?: { model: string; rating: number };
  /** "bootstrap" (default, LMArena's percentile bootstrap) or "sandwich" (robust Wald). */
  intervals?: IntervalMethod;
  /**
   * "davidson" (default): Davidson's (1970) tie model, whose strengths are decisive-preference
   * strengths; "half": a tie or both-bad vote counts half a win each side, as FastChat/LMArena
   * fit it (`method: "bt-half"`). Both-bad votes are ties in both (see docs/ratings.md).
   */
  ties?: TieModel;
  /**
   * Clustered bootstrap: the votes of each cluster (a voter session, or a prompt) as cells, whose
   * union is `cells`; each round resamples whole clusters instead of single votes (see
   * cluster-resample.ts). `unit` names what a cluster is, for the result's params.
   */
  clusters?: { unit: Exclude<ClusterUnit, "none">; cells: readonly (readonly PairCell[])[] };
  /**
   * Votes that imply several pairs (quads, by rank breaking: rank-breaking.ts), grouped by
   * pattern; their pairs are also in `cells`. Without `clusters` the bootstrap and the sandwich
   * take each such vote as one unit (its pairs together), not as independent pair votes; with
   * `clusters`, a quad's pairs must sit in one cluster's cells. The result's `votes` counts each
   * such vote once.
   */
  groupedVotes?: readonly GroupedVote[];
}

const Z95 = 1.959964;

/**
 * Bootstrap draws of every displayed rating: resamples of the votes (or, with `clusters`, of whole
 * clusters of votes), each refitted from the point estimate.
 */
function bootstrapRatings(
  table: PairTable,
  design: BradleyTerryDesign,
  theta: Float64Array,
  scale: RatingScale,
  rounds: number,
  random: Random,
  clusters: ClusterTable | null,
  voteUnits: VoteUnits | null,
): Float64Array[] {
  const pairs = table.first.length;
  // The 3·pairs outcome categories, resampled together (one multinomial over all votes).
  const counts = new Float64Array(3 * pairs);
  counts.set(table.firstWins, 0);
  counts.set(table.secondWins, pairs);
  counts.set(table.ties, 2 * pairs);
  const drawn = new Float64Array(3 * pairs);
  const gaussian = createGaussian(random);
  const samples = table.models.map(() => new Float64Array(rounds));
  const clusterCount = clusters ? clusters.offsets.length - 1 : 0;
  const weights = new Float64Array(clusterCount);
  const ones = new Float64Array(clusterCount).fill(1);
  const unitDraws = new Float64Array(voteUnits ? voteUnits.offsets.length - 1 : 0);
  for (let round = 0; round < rounds; round += 1) {
    if (clusters) resampleClusters(clusters, drawn, weights, ones, random, gaussian);
    else if (voteUnits) resampleVoteUnits(voteUnits, drawn, unitDraws, random, gaussian);
    else resampleMultinomial(counts, drawn, random, gaussian);
    const resampled = {
      firstWins: drawn.subarray(0, pairs),
      secondWins: drawn.subarray(pairs, 2 * pairs),
      ties: drawn.subarray(2 * pairs),
    };
    const ratings = toDisplayed(fitStrengths(design, resampled, theta).subarray(0, table.models.length), scale);
    ratings.forEach((r, i) => ((samples[i] as Float64Array)[round] = r));
  }
  return samples;
}

/**
 * 95% intervals of every displayed rating. Each closed side is the wider of the chosen method's
 * bound (percentile bootstrap, or sandwich Wald) and the profile-likelihood bound, which keeps
 * its coverage at a handful of votes where the bootstrap's collapses (a cell resampled from
 * identical votes is that cell again). A side the data cannot bound (Ford's condition, see
 * RatingScale) is null: open.
 */
function intervals(
  table: PairTable,
  design: BradleyTerryDesign,
  theta: Float64Array,
  scale: RatingScale,
  point: Float64Array,
  options: {
    method: IntervalMethod;
    bootstrap: number;
    seed: number;
    ties: TieModel;
    clusters: ClusterTable | null;
    /** The units of whole votes (buildVoteUnits) when some imply several pairs, for the sandwich. */
    voteUnits: VoteUnits | null;
  },
): { low: (number | null)[]; high: (number | null)[] } {
  const k = table.models.length;
  const n = theta.length;
  const gradient = new Float64Array(n);
  const negHessian = new Float64Array(n * n);
  derivatives(design, table, theta, gradient, negHessian);
  factorSpd(negHessian, n);
  const samples =
    options.method === "bootstrap" && options.bootstrap > 0
      ? bootstrapRatings(
          table,
          design,
          theta,
          scale,
          options.bootstrap,
          seededRandom(options.seed),
          options.clusters,
          options.voteUnits,
        )
      : null;
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  for (let i = 0; i < k; i += 1) {
    const rating = point[i] as number;
    const c = new Float64Array(n);
    c.set(contrast(scale, i, k));
    const u = solveFactored(negHessian, c, n);
    const modelSe = Math.sqrt(
      Math.max(
        0,
        c.reduce((s, x, j) => s + x * (u[j] as number), 0),
      ),
    );
    if (modelSe === 0) {
      // The anchor itself: its rating is fixed by definition.
      low.push(rating);
      high.push(rating);
      continue;
    }
    let methodLow = rating;
    let methodHigh = rating;
    const sorted = samples?.[i]?.sort();
    if (sorted) {
      methodLow = quantile(sorted, 0.025);
      methodHigh = quantile(sorted, 0.975);
    } else if (options.method === "sandwich") {
      const half = Z95 * POINTS_PER_NAT * Math.sqrt(sandwichVariance(design, table, theta, u, options.voteUnits));
      methodLow = rating - half;
      methodHigh = rating + half;
    }
    const offset = rating - POINTS_PER_NAT * c.reduce((s, x, j) => s + x * (theta[j] as number), 0);
    const bound = (side: 1 | -1) => {
      const value = profileBound(design, table, theta, c, side, Z95 * modelSe);
      return value === null ? null : offset + POINTS_PER_NAT * value;
    };
    const profileLow = scale.openLow[i] ? null : bound(-1);
    const profileHigh = scale.openHigh[i] ? null : bound(1);
    // A one-sided record's closed side: no tighter than the pair's exact binomial bound.
    const exact = exactClosedSide(table, options.ties, theta, scale, i, rating);
    low.push(
      profileLow === null || scale.openLow[i] ? null : Math.min(methodLow, profileLow, exact.low ?? rating, rating),
    );
    high.push(
      profileHigh === null || scale.openHigh[i]
        ? null
        : Math.max(methodHigh, profileHigh, exact.high ?? rating, rating),
    );
  }
  return { low, high };
}

/**
 * Bradley-Terry ratings from aggregated votes (Davidson's ties by default, or half a win each
 * side as FastChat/LMArena fit them), with 95% intervals (bootstrap over votes, or over clusters
 * of votes), rank (UB) within each connected group, tallies,
 * pair matrices and position bias. Each group is centred on the vote-weighted mean of its core
 * (see RatingScale) or on the anchor. Seeded: the same cells and seed give the same numbers.
 * Throws when the anchor model has no votes.
 */
export function computeBradleyTerry(cells: readonly PairCell[], options: BradleyTerryOptions = {}): RatingsResult {
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 42;
  const method = options.intervals ?? "bootstrap";
  const ties = options.ties ?? "davidson";
  const table = buildPairTable(cells);
  const components = connectedComponents(table);
  const warnings: string[] = [];
  if (components.length > 1) {
    warnings.push(
      `the votes form ${components.length} groups that were never compared with each other (${components
        .map((c) => c.join(", "))
        .join(
          " | ",
        )}); each group is centred on its own and ranked on its own: no rating or rank compares models of different groups`,
    );
  }
  const anchorIndex = options.anchor ? table.models.indexOf(options.anchor.model) : -1;
  if (options.anchor && anchorIndex < 0) throw new Error(`anchor model "${options.anchor.model}" has no votes`);
  const votes = new Float64Array(table.models.length);
  for (let p = 0; p < table.first.length; p += 1) {
    const n = (table.firstWins[p] as number) + (table.secondWins[p] as number) + (table.ties[p] as number);
    votes[table.first[p] as number] = (votes[table.first[p] as number] as number) + n;
    votes[table.second[p] as number] = (votes[table.second[p] as number] as number) + n;
  }
  const scale = buildRatingScale(table, components, votes, anchorIndex, options.anchor?.rating);
  const design = pairDesign(table, ties);
  const theta = fitStrengths(design, table);
  const point = toDisplayed(theta.subarray(0, table.models.length), scale);
  let clusters = options.clusters ? buildClusterTable(table, options.clusters.cells) : null;
  const voteUnits = options.groupedVotes?.length ? buildVoteUnits(table, options.groupedVotes) : null;
  if (options.clusters && clusters && clusters.offsets.length - 1 < MIN_CLUSTERS) {
    warnings.push(tooFewClustersWarning(clusters.offsets.length - 1, options.clusters.unit));
    clusters = null;
  }
  const { low, high } = intervals(table, design, theta, scale, point, {
    method,
    bootstrap,
    seed,
    ties,
    clusters,
    voteUnits,
  });
  const ratings = new Map<string, RatingInterval>(
    table.models.map((model, i) => [
      model,
      { rating: point[i] as number, ciLow: low[i] ?? null, ciHigh: high[i] ?? null, group: scale.group[i] as number },
    ]),
  );
  if (table.models.length === 1) warnings.push("only one model has votes: there is nothing to rank it against");
  const summary = summarise(cells, ratings);
  // A grouped vote's pairs are one vote.
  for (const g of options.groupedVotes ?? [])
    summary.votes -= g.count * (g.cells.reduce((n, c) => n + c.winsA + c.winsB + c.ties + c.bothBad, 0) - 1);
  return {
    method: ties === "half" ? "bt-half" : "bt",
    ...summary,
    components,
    warnings,
    params: {
      bootstrap,
      seed,
      intervals: method,
      ...(options.anchor ? { anchor: options.anchor } : {}),
      ...(options.clusters && clusters ? { cluster: options.clusters.unit } : {}),
    },
  };
}
