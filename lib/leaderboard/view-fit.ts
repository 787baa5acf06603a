import { computeBradleyTerry } from "../ratings";
import type { ClusterUnit } from "../ratings/cluster-resample";
import type { TieModel } from "../ratings/bt-solver";
import type { RatingsResult } from "../ratings/types";
import type { AggregatedVotes } from "./aggregate-votes";

/**
 * The Bradley-Terry fit of one view of aggregated votes (by key, see viewKey), as the snapshot and
 * a fit on request both make it: its cells (pair votes and quads' rank-breaking pairs), its quads
 * grouped (`groupedVotes`: each quad one unit of the bootstrap and the sandwich,
 * lib/ratings/rank-breaking.ts), and with `cluster` voter or prompt its clusters (`aggregated`
 * must then have been read with that `clusterBy`). `npm run ratings` builds the same inputs from
 * a vote file, so it gives the same numbers.
 */
export function fitView(
  aggregated: AggregatedVotes,
  key: string,
  options: { bootstrap: number; seed: number; cluster: ClusterUnit; ties?: TieModel },
): RatingsResult {
  const grouped = aggregated.groupedOf(key);
  return computeBradleyTerry(aggregated.cells.get(key) ?? [], {
    bootstrap: options.bootstrap,
    seed: options.seed,
    ...(options.ties ? { ties: options.ties } : {}),
    ...(options.cluster !== "none" && aggregated.clustersOf
      ? { clusters: { unit: options.cluster, cells: aggregated.clustersOf(key) } }
      : {}),
    ...(grouped.length > 0 ? { groupedVotes: grouped } : {}),
  });
}
