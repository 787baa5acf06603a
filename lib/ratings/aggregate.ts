import type { PairCell, RatedBattle } from "./types";

/** Model numbers stay below this (2^26 models), so pair keys stay exact below 2^53. */
const PAIR_KEY_BASE = 2 ** 26;
const FIELD = { model_a: "winsA", model_b: "winsB", tie: "ties", "tie (bothbad)": "bothBad" } as const;

/**
 * Folds votes into counts per ordered (left, right) model pair. Streaming: memory grows with the
 * number of distinct pairs, not with the number of votes.
 */
export class PairCellAccumulator {
  /** Cells by ordered pair of model numbers (first seen, first numbered), in order of creation. */
  private readonly cells = new Map<number, PairCell>();
  private readonly modelNumbers = new Map<string, number>();

  private numberOf(model: string): number {
    let number = this.modelNumbers.get(model);
    if (number === undefined) this.modelNumbers.set(model, (number = this.modelNumbers.size));
    return number;
  }

  add(battle: RatedBattle, count = 1): void {
    // A numeric key: building a string key per vote cost more than the rest of the fold.
    const key = this.numberOf(battle.modelA) * PAIR_KEY_BASE + this.numberOf(battle.modelB);
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
