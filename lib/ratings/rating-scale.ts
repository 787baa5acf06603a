import type { PairTable } from "./pairs";
import { BASE, INITIAL_RATING, SCALE } from "./types";

export const POINTS_PER_NAT = SCALE / Math.log(BASE);

/**
 * What a displayed rating means. Bradley-Terry fixes strengths only up to a constant per group of
 * connected models, so each group gets its own zero: the vote-weighted mean strength of its
 * *core*, or an anchor model. rating_i = 1000 + (400 / ln 10)·(θ_i − Σ_j centre_j θ_j), and every
 * interval is an interval of exactly this quantity.
 *
 * The core is the group's strongly connected part of the "beat or tied" graph with the most votes
 * (the whole group if no two models beat each other both ways). By Ford's condition (L. R. Ford,
 * "Solution of a ranking problem from binary comparisons", Amer. Math. Monthly 64, 1957) the
 * strengths inside it are bounded by the data, so a model whose strength the data cannot bound
 * (a newcomer with one win) has no weight in the centre and cannot move the others.
 */
export interface RatingScale {
  /** Group (connected component) index of each model; groups ordered as `components`. */
  group: Int32Array;
  components: string[][];
  /** centre[i·k + j]: weight of model j in model i's zero (0 outside i's group). */
  centre: Float64Array;
  /** The side where the data cannot bound model i's rating (Ford's condition fails that way). */
  openLow: boolean[];
  openHigh: boolean[];
  /** Rating added to the group holding the anchor model instead of 1000. */
  offset: Float64Array;
}

/** reach[i][j]: j can be reached from i by "beat or tied" steps (i ≥ … ≥ j in the data). */
function dominance(table: PairTable): boolean[][] {
  const k = table.models.length;
  const beaten: number[][] = table.models.map(() => []);
  for (let p = 0; p < table.first.length; p += 1) {
    const i = table.first[p] as number;
    const j = table.second[p] as number;
    const ties = (table.ties[p] as number) > 0;
    if ((table.firstWins[p] as number) > 0 || ties) beaten[i]?.push(j);
    if ((table.secondWins[p] as number) > 0 || ties) beaten[j]?.push(i);
  }
  return table.models.map((_, start) => {
    const seen = new Array<boolean>(k).fill(false);
    const stack = [start];
    seen[start] = true;
    while (stack.length > 0) {
      for (const next of beaten[stack.pop() as number] ?? []) {
        if (!seen[next]) {
          seen[next] = true;
          stack.push(next);
        }
      }
    }
    return seen;
  });
}

/**
 * The rating scale of a pair table: groups, each group's core and weights, and which rating
 * bounds are open. `votes[i]` is model i's number of votes; `anchor` (a model index or −1) replaces
 * its group's centre by that model at `anchorRating`.
 */
export function buildRatingScale(
  table: PairTable,
  components: string[][],
  votes: Float64Array,
  anchor = -1,
  anchorRating = INITIAL_RATING,
): RatingScale {
  const k = table.models.length;
  const index = new Map(table.models.map((m, i) => [m, i]));
  const reach = dominance(table);
  const group = new Int32Array(k);
  const centre = new Float64Array(k * k);
  const offset = new Float64Array(k).fill(INITIAL_RATING);
  const openLow = new Array<boolean>(k).fill(false);
  const openHigh = new Array<boolean>(k).fill(false);
  components.forEach((names, g) => {
    const members = names.map((m) => index.get(m) as number);
    for (const i of members) group[i] = g;
    let core: number[];
    if (members.includes(anchor)) {
      core = [anchor];
      for (const i of members) offset[i] = anchorRating;
    } else {
      // Strongly connected classes: i and j in one class when each reaches the other.
      const classes = new Map<number, number[]>();
      for (const i of members) {
        const root = members.find((j) => reach[i]?.[j] && reach[j]?.[i]) as number;
        classes.set(root, [...(classes.get(root) ?? []), i]);
      }
      const weight = (c: number[]) => c.reduce((s, i) => s + (votes[i] as number), 0);
      const largest = [...classes.values()]
        .filter((c) => c.length > 1)
        .sort((a, b) => weight(b) - weight(a) || a.length - b.length)[0];
      core = largest ?? members;
    }
    const coreVotes = core.reduce((s, j) => s + (votes[j] as number), 0);
    for (const i of members) {
      for (const j of core) centre[i * k + j] = coreVotes > 0 ? (votes[j] as number) / coreVotes : 1 / core.length;
      // Open above when some core model never (even through others) lost to or tied with i.
      openHigh[i] = core.some((j) => !reach[j]?.[i]);
      openLow[i] = core.some((j) => !reach[i]?.[j]);
    }
  });
  return { group, components, centre, openLow, openHigh, offset };
}

/** Displayed ratings of strengths θ on a scale (see RatingScale). */
export function toDisplayed(theta: Float64Array, scale: RatingScale): Float64Array {
  const k = theta.length;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i += 1) {
    let zero = 0;
    for (let j = 0; j < k; j += 1) zero += (scale.centre[i * k + j] as number) * (theta[j] as number);
    out[i] = (scale.offset[i] as number) + POINTS_PER_NAT * ((theta[i] as number) - zero);
  }
  return out;
}

/** Contrast vector c with rating_i = offset + POINTS_PER_NAT · c'θ. */
export function contrast(scale: RatingScale, i: number, k: number): Float64Array {
  const c = new Float64Array(k);
  for (let j = 0; j < k; j += 1) c[j] = -(scale.centre[i * k + j] as number);
  c[i] = (c[i] as number) + 1;
  return c;
}
