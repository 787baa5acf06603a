import { aggregateBattles, type PairCellAccumulator } from "./aggregate";
import type { PairCell, RatedBattle, RatedQuad } from "./types";

/**
 * Rank breaking (Azari Soufiani, Parkes & Xia 2014, "Computing parametric ranking models via
 * rank-breaking", ICML): the 5 implied pairs of best ≻ {two middle} ≻ worst as RatedBattle[]
 * (best vs each middle, each middle vs worst, best vs worst); the two middle clips are not
 * compared. Each pair keeps the shown order (modelA: the clip shown first), so the pairs' left
 * share reads as "shown earlier".
 *
 * "All bad" (best and worst null) gives no pair: it orders nothing, and as 6 Davidson ties it
 * would, from one click, count six times in the tie parameter ν (a per-comparison tie rate) and
 * pull the four strengths together six times as hard as a both-bad pair vote (docs/ratings.md,
 * "Four-up votes"). The breaking is consistent (the fit of its pairs recovers the strengths) when
 * the voter picks the best with Luce's choice probabilities e^θ / Σ e^θ and then the worst of
 * the other three with e^−θ / Σ e^−θ (sequential best-worst, Marley & Louviere 2005).
 *
 * Throws on a malformed quad: repeated models, best = worst, or only one of them null.
 */
export function rankBreakQuad(quad: RatedQuad): RatedBattle[] {
  const { models, best, worst } = quad;
  if (new Set(models).size !== 4) throw new Error(`a quad needs four distinct models, got ${models.join(", ")}`);
  if (best === null || worst === null) {
    if (best !== worst) throw new Error("a quad's best and worst are both given or both null (all bad)");
    return [];
  }
  if (best === worst) throw new Error("a quad's best and worst are the same clip");
  const pair = (winner: number, loser: number): RatedBattle =>
    winner < loser
      ? { modelA: models[winner] as string, modelB: models[loser] as string, winner: "model_a" }
      : { modelA: models[loser] as string, modelB: models[winner] as string, winner: "model_b" };
  const middles = [0, 1, 2, 3].filter((i) => i !== best && i !== worst);
  return [...middles.map((m) => pair(best, m)), ...middles.map((m) => pair(m, worst)), pair(best, worst)];
}

/** A quad's sides in shown order as votes label them (Vote.best / Vote.worst, "a" to "d"). */
export const QUAD_SIDE_INDEX = { a: 0, b: 1, c: 2, d: 3 } as const;
export type QuadSideLabel = keyof typeof QUAD_SIDE_INDEX;

/** rankBreakQuad of a quad vote whose best and worst are side labels (both null: all bad). Throws as rankBreakQuad does. */
export function rankBreakQuadSides(
  models: RatedQuad["models"],
  best: QuadSideLabel | null,
  worst: QuadSideLabel | null,
): RatedBattle[] {
  const index = (label: QuadSideLabel | null) => (label === null ? null : QUAD_SIDE_INDEX[label]);
  return rankBreakQuad({ models, best: index(best), worst: index(worst) });
}

/**
 * Votes that imply several pairs (a quad's rank breaking, or a quad's pairwise-expansion rows
 * regrouped by vote_id), grouped by pattern: `cells` are one vote's pairs, `count` how many votes
 * have exactly these pairs. The bootstrap and the sandwich treat each vote as one unit.
 */
export interface GroupedVote {
  cells: readonly PairCell[];
  count: number;
}

/** A pattern's key: its pairs with the outcome, each as (lower name, higher name, outcome), sorted. */
function patternKey(battles: readonly RatedBattle[]): string {
  return battles
    .map((b) => {
      const flip = b.modelA > b.modelB;
      const outcome = b.winner === "model_a" ? (flip ? "l" : "w") : b.winner === "model_b" ? (flip ? "w" : "l") : "t";
      return flip ? `${b.modelB}\u0000${b.modelA}\u0000${outcome}` : `${b.modelA}\u0000${b.modelB}\u0000${outcome}`;
    })
    .sort()
    .join("\u0001");
}

/**
 * Groups multi-pair votes by the pairs they imply (shown order aside), with multiplicity, so the
 * bootstrap draws from a few thousand patterns rather than one unit per vote. Streaming: memory
 * grows with the number of distinct patterns.
 */
export class GroupedVoteAccumulator {
  private readonly patterns = new Map<string, { battles: readonly RatedBattle[]; count: number }>();

  /** One vote's implied pairs (none: nothing to rate, e.g. an all-bad quad). */
  add(battles: readonly RatedBattle[], count = 1): void {
    if (battles.length === 0) return;
    const key = patternKey(battles);
    const pattern = this.patterns.get(key);
    if (pattern) pattern.count += count;
    else this.patterns.set(key, { battles, count });
  }

  /** Number of votes added (all-bad votes excluded). */
  get votes(): number {
    let sum = 0;
    for (const p of this.patterns.values()) sum += p.count;
    return sum;
  }

  toGroups(): GroupedVote[] {
    return [...this.patterns.values()].map((p) => ({ cells: aggregateBattles(p.battles), count: p.count }));
  }
}

/**
 * Adds one multi-pair vote (a quad's rankBreakQuad pairs, or its regrouped expansion rows) to the
 * fit's inputs, so every reader feeds computeBradleyTerry alike: its pairs to the cells, the vote
 * to the grouped votes (one unit of the bootstrap and the sandwich), and, for a clustered
 * bootstrap, its pairs to its voter's or prompt's cluster.
 */
export function addGroupedVote(
  pairs: readonly RatedBattle[],
  into: { cells: PairCellAccumulator; grouped: GroupedVoteAccumulator; cluster?: PairCellAccumulator },
): void {
  for (const pair of pairs) {
    into.cells.add(pair);
    into.cluster?.add(pair);
  }
  into.grouped.add(pairs);
}
