import type { PairCell, RatedBattle } from "./types";

const FIELD = { model_a: "winsA", model_b: "winsB", tie: "ties", "tie (bothbad)": "bothBad" } as const;

/**
 * Folds votes into counts per ordered (left, right) model pair. Streaming: memory grows with the
 * number of distinct pairs, not with the number of votes.
 */
export class PairCellAccumulator {
  private readonly cells = new Map<string, PairCell>();

  add(battle: RatedBattle, count = 1): void {
    const key = `${battle.modelA}\u0000${battle.modelB}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { modelA: battle.modelA, modelB: battle.modelB, winsA: 0, winsB: 0, ties: 0, bothBad: 0 };
      this.cells.set(key, cell);
    }
    cell[FIELD[battle.winner]] += count;
  }

  toCells(): PairCell[] {
    return [...this.cells.values()];
  }
}

/** Aggregated cells of a sequence of votes. */
export function aggregateBattles(battles: Iterable<RatedBattle>): PairCell[] {
  const accumulator = new PairCellAccumulator();
  for (const battle of battles) accumulator.add(battle);
  return accumulator.toCells();
}

/** Total votes in a set of cells. */
export function countVotes(cells: readonly PairCell[]): number {
  return cells.reduce((sum, c) => sum + c.winsA + c.winsB + c.ties + c.bothBad, 0);
}
