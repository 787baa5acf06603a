import type { Random } from "../random";
import { PairCellAccumulator } from "./aggregate";
import type { PairTable } from "./pairs";
import { resampleMultinomial, sampleBinomial } from "./sampling";
import type { PairCell, RatedBattle } from "./types";

/**
 * What a clustered bootstrap resamples as one unit: `voter` (the votes of one voter session; in a
 * file, one `judge`) or `prompt` (the votes on one prompt: `prompt_id`, LMArena's `question_id`);
 * `none` resamples single votes.
 */
export type ClusterUnit = "none" | "voter" | "prompt";
export const CLUSTER_UNITS: readonly ClusterUnit[] = ["none", "voter", "prompt"];

/**
 * The published board's unit (the snapshot, the API's and the page's default, `npm run ratings`'
 * default and a release's manifest): whole voters, so that one voter's many votes count as one
 * draw (docs/ratings.md, "Clustered uncertainty"). With fewer than MIN_CLUSTERS voters the
 * bootstrap falls back to single votes and warns.
 */
export const DEFAULT_CLUSTER = "voter" satisfies ClusterUnit;

/**
 * Fewest clusters a clustered bootstrap resamples. With few clusters it understates the spread
 * (Cameron, Gelbach & Miller 2008, "Bootstrap-based improvements for inference with clustered
 * errors", REStat 90; with one cluster every round redraws the same votes); below this the
 * bootstrap resamples single votes and the result says so.
 */
export const MIN_CLUSTERS = 30;

/** The warning of a bootstrap that fell back to single votes for want of clusters (see MIN_CLUSTERS). */
export function tooFewClustersWarning(clusters: number, unit: Exclude<ClusterUnit, "none">): string {
  return `the votes come from ${clusters} ${unit}s, fewer than ${MIN_CLUSTERS}: too few to resample as clusters, so the bootstrap resampled single votes`;
}

/** Whether a warning is tooFewClustersWarning's. */
export function isTooFewClustersWarning(warning: string): boolean {
  return warning.includes("too few to resample as clusters");
}

/**
 * The clusters of a pair table, each as a sparse vector over the table's 3·pairs outcome
 * categories (first's wins, second's wins, ties: the bootstrap's layout), in a canonical order:
 * sorted by their vectors, so the order does not depend on how clusters are named or read, and
 * the server (voter session ids) and the CLI (an export's salted `judge`) resample identically.
 */
export interface ClusterTable {
  /** Cluster c's entries are entries [offsets[c], offsets[c + 1]). */
  offsets: Int32Array;
  category: Int32Array;
  count: Float64Array;
  /** How many identical units cluster c stands for (buildVoteUnits: votes of one pattern); absent: one each. */
  multiplicity?: Float64Array;
}

/**
 * Builds the cluster table of `clusters` (each cluster's votes as cells) over `table`, which must
 * hold exactly their union. Throws when a cluster names a pair the table lacks.
 */
export function buildClusterTable(table: PairTable, clusters: readonly (readonly PairCell[])[]): ClusterTable {
  const vectorOf = categoryVectors(table);
  return packVectors(
    clusters
      .map(vectorOf)
      .filter((entries) => entries.length > 0)
      .sort(compareVectors),
  );
}

/** A function from a set of cells to its sparse vector over the table's 3·pairs outcome categories. */
function categoryVectors(table: PairTable): (cells: readonly PairCell[]) => [number, number][] {
  const k = table.models.length;
  const pairs = table.first.length;
  const index = new Map(table.models.map((m, i) => [m, i]));
  const pairOf = new Map<number, number>();
  for (let p = 0; p < pairs; p += 1) pairOf.set((table.first[p] as number) * k + (table.second[p] as number), p);
  return (cells) => {
    const entries = new Map<number, number>();
    const add = (category: number, n: number) => n > 0 && entries.set(category, (entries.get(category) ?? 0) + n);
    for (const cell of cells) {
      const [a, b] = [index.get(cell.modelA), index.get(cell.modelB)];
      const p = a === undefined || b === undefined ? undefined : pairOf.get(Math.min(a, b) * k + Math.max(a, b));
      if (a === undefined || b === undefined || p === undefined)
        throw new Error(`cluster cell ${cell.modelA} vs ${cell.modelB} is not in the pair table`);
      add(a < b ? p : pairs + p, cell.winsA);
      add(a < b ? pairs + p : p, cell.winsB);
      add(2 * pairs + p, cell.ties + cell.bothBad);
    }
    return [...entries].sort((x, y) => x[0] - y[0]);
  };
}

function packVectors(vectors: readonly [number, number][][]): ClusterTable {
  const offsets = new Int32Array(vectors.length + 1);
  vectors.forEach((v, c) => (offsets[c + 1] = (offsets[c] as number) + v.length));
  const size = offsets[vectors.length] as number;
  const category = new Int32Array(size);
  const count = new Float64Array(size);
  let e = 0;
  for (const v of vectors)
    for (const [cat, n] of v) {
      category[e] = cat;
      count[e] = n;
      e += 1;
    }
  return { offsets, category, count };
}

/**
 * Whole votes as resampling units (buildVoteUnits): units [0, singles) are single pair votes, one
 * outcome category each, their multiplicity the category's count; the rest are multi-pair patterns
 * with their multiplicity; `slots` lists each multi-pair vote as its pattern's unit (multiplicity
 * copies), for drawing them uniformly.
 */
export interface VoteUnits extends ClusterTable {
  multiplicity: Float64Array;
  singles: number;
  slots: Int32Array;
}

/**
 * The table's votes as resampling units when some votes imply several pairs (a quad's rank
 * breaking, rank-breaking.ts): first each outcome category's single pair votes (one unit per
 * category, its multiplicity the category's count less the grouped votes' share of it), then each
 * grouped pattern (its multiplicity: its votes). Drawing Σ multiplicity units with replacement is
 * the bootstrap of whole votes: a quad's 5 pairs are drawn together or not at all. `grouped` must
 * be part of the table; throws when a pattern names a pair the table lacks or holds more votes
 * than the table.
 */
export function buildVoteUnits(
  table: PairTable,
  grouped: readonly { cells: readonly PairCell[]; count: number }[],
): VoteUnits {
  const pairs = table.first.length;
  const single = new Float64Array(3 * pairs);
  single.set(table.firstWins, 0);
  single.set(table.secondWins, pairs);
  single.set(table.ties, 2 * pairs);
  const vectorOf = categoryVectors(table);
  const patterns = grouped
    .map((g) => ({ vector: vectorOf(g.cells), count: g.count }))
    .filter((g) => g.vector.length > 0 && g.count > 0)
    .sort((x, y) => compareVectors(x.vector, y.vector) || x.count - y.count);
  for (const { vector, count } of patterns)
    for (const [cat, n] of vector) single[cat] = (single[cat] as number) - n * count;
  if (single.some((n) => n < 0)) throw new Error("grouped votes hold more votes than the pair table");
  const singles: [number, number][][] = [];
  const multiplicity: number[] = [];
  single.forEach((n, cat) => {
    if (n <= 0) return;
    singles.push([[cat, 1]]);
    multiplicity.push(n);
  });
  const units = packVectors([...singles, ...patterns.map((p) => p.vector)]);
  const slots = new Int32Array(patterns.reduce((n, p) => n + p.count, 0));
  let slot = 0;
  patterns.forEach((p, i) => {
    slots.fill(singles.length + i, slot, slot + p.count);
    slot += p.count;
  });
  return {
    ...units,
    multiplicity: Float64Array.from([...multiplicity, ...patterns.map((p) => p.count)]),
    singles: singles.length,
    slots,
  };
}

function compareVectors(x: [number, number][], y: [number, number][]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const [a, b] = [x[i] as [number, number], y[i] as [number, number]];
    if (a[0] !== b[0]) return a[0] - b[0];
    if (a[1] !== b[1]) return a[1] - b[1];
  }
  return x.length - y.length;
}

/**
 * One clustered bootstrap draw (Field & Welsh 2007, "Bootstrapping clustered data", JRSS-B 69:
 * the cluster bootstrap resamples whole clusters with replacement): C clusters drawn from C, their
 * votes summed per outcome category into `out` (length 3·pairs). `weights` is scratch of length C.
 */
export function resampleClusters(
  clusters: ClusterTable,
  out: Float64Array,
  weights: Float64Array,
  ones: Float64Array,
  random: Random,
  gaussian: () => number,
): void {
  resampleMultinomial(ones, weights, random, gaussian);
  out.fill(0);
  for (let c = 0; c < weights.length; c += 1) {
    const w = weights[c] as number;
    if (w === 0) continue;
    for (let e = clusters.offsets[c] as number; e < (clusters.offsets[c + 1] as number); e += 1)
      out[clusters.category[e] as number] =
        (out[clusters.category[e] as number] as number) + w * (clusters.count[e] as number);
  }
}

/**
 * Folds votes read one at a time (a vote file: `npm run ratings`, a release) into the clusters
 * computeBradleyTerry's `clusters.cells` takes: each key's (a `judge`, a `prompt_id`) votes as cells.
 */
export class ClusterCellAccumulator {
  private readonly byKey = new Map<string, PairCellAccumulator>();

  add(key: string, battle: RatedBattle): void {
    this.cluster(key).add(battle);
  }

  /** The cells of one key's cluster, to add a whole vote's pairs to (a quad: addGroupedVote). */
  cluster(key: string): PairCellAccumulator {
    let cluster = this.byKey.get(key);
    if (!cluster) this.byKey.set(key, (cluster = new PairCellAccumulator()));
    return cluster;
  }

  /** How many keys have votes. */
  get size(): number {
    return this.byKey.size;
  }

  toClusters(): PairCell[][] {
    return [...this.byKey.values()].map((cluster) => cluster.toCells());
  }
}

/**
 * One bootstrap draw of whole votes (buildVoteUnits): N votes drawn with replacement from the N
 * votes, tallied per outcome category into `out` (length 3·pairs). Drawn in two steps with the
 * same law: how many multi-pair votes, K ~ Binomial(N, multi-pair votes / N); the single pair
 * votes' N − K as one multinomial over their categories; the K multi-pair votes uniformly from
 * `slots`, tallied per unit first and then added in unit order (one sweep of the patterns instead
 * of a random jump into them per vote, which cost most of the run on 100,000 distinct quads).
 * `draws` is scratch of length units (offsets.length − 1).
 */
export function resampleVoteUnits(
  units: VoteUnits,
  out: Float64Array,
  draws: Float64Array,
  random: Random,
  gaussian: () => number,
): void {
  const singleCounts = units.multiplicity.subarray(0, units.singles);
  let singleVotes = 0;
  for (const n of singleCounts) singleVotes += n;
  const multi = units.slots.length;
  const drawnMulti = sampleBinomial(singleVotes + multi, multi / (singleVotes + multi), random, gaussian);
  draws.fill(0);
  resampleMultinomial(
    singleCounts,
    draws.subarray(0, units.singles),
    random,
    gaussian,
    singleVotes + multi - drawnMulti,
  );
  for (let k = 0; k < drawnMulti; k += 1) {
    const c = units.slots[Math.floor(random() * multi)] as number;
    draws[c] = (draws[c] as number) + 1;
  }
  out.fill(0);
  for (let c = 0; c < draws.length; c += 1) {
    const w = draws[c] as number;
    if (w === 0) continue;
    for (let e = units.offsets[c] as number; e < (units.offsets[c + 1] as number); e += 1)
      out[units.category[e] as number] = (out[units.category[e] as number] as number) + w * (units.count[e] as number);
  }
}
