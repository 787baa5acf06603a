import type { Random } from "../random";
import { PairCellAccumulator } from "./aggregate";
import type { PairTable } from "./pairs";
import { resampleMultinomial } from "./sampling";
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
}

/**
 * Builds the cluster table of `clusters` (each cluster's votes as cells) over `table`, which must
 * hold exactly their union. Throws when a cluster names a pair the table lacks.
 */
export function buildClusterTable(table: PairTable, clusters: readonly (readonly PairCell[])[]): ClusterTable {
  const k = table.models.length;
  const pairs = table.first.length;
  const index = new Map(table.models.map((m, i) => [m, i]));
  const pairOf = new Map<number, number>();
  for (let p = 0; p < pairs; p += 1) pairOf.set((table.first[p] as number) * k + (table.second[p] as number), p);
  const vectors = clusters
    .map((cells) => {
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
    })
    .filter((entries) => entries.length > 0)
    .sort(compareVectors);
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
    let cluster = this.byKey.get(key);
    if (!cluster) this.byKey.set(key, (cluster = new PairCellAccumulator()));
    cluster.add(battle);
  }

  toClusters(): PairCell[][] {
    return [...this.byKey.values()].map((cluster) => cluster.toCells());
  }
}
