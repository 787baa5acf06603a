import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/random";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import { positionTermEffect } from "@/lib/ratings/position-term";
import { POINTS_PER_NAT } from "@/lib/ratings/rating-scale";
import type { PairCell } from "@/lib/ratings/types";

const TRUE = { a: 1150, b: 1050, c: 950, d: 850 };

/**
 * Votes between the four models of TRUE, decisive only, with a left preference β (P(left wins) =
 * σ(θ_left − θ_right + β)); `leftOf(i, j)` says which of the pair sits left.
 */
function arena(votes: number, leftShare: number, leftOf: (i: string, j: string, u: number) => string): PairCell[] {
  const random = seededRandom(17);
  const names = Object.keys(TRUE) as (keyof typeof TRUE)[];
  const beta = Math.log(leftShare / (1 - leftShare));
  const cells = new PairCellAccumulator();
  for (let n = 0; n < votes; n += 1) {
    const i = names[Math.floor(random() * 4)] as keyof typeof TRUE;
    let j = names[Math.floor(random() * 3)] as keyof typeof TRUE;
    if (j === i) j = names[3] as keyof typeof TRUE;
    const left = leftOf(i, j, random()) as keyof typeof TRUE;
    const right = left === i ? j : i;
    const eta = (TRUE[left] - TRUE[right]) / POINTS_PER_NAT + beta;
    const winner = random() < 1 / (1 + Math.exp(-eta)) ? "model_a" : "model_b";
    cells.add({ modelA: left, modelB: right, winner });
  }
  return cells.toCells();
}

describe("positionTermEffect", () => {
  test("sides by a coin: the term finds the left preference and moves the board by little", () => {
    const cells = arena(40_000, 0.65, (i, j, u) => (u < 0.5 ? i : j));
    const effect = positionTermEffect(cells);
    // logit(0.65) = 0.619 nats = 107.6 points.
    expect(effect.termPoints).toBeGreaterThan(95);
    expect(effect.termPoints).toBeLessThan(120);
    // The plain fit shrinks the 300-point spread a little (each vote says less); nothing else.
    expect(effect.moves).toBeLessThan(25);
    const plain = computeBradleyTerry(cells, { bootstrap: 0 }).rows;
    const spread = Math.max(...plain.map((r) => r.rating)) - Math.min(...plain.map((r) => r.rating));
    expect(spread).toBeGreaterThan(250);
  });

  test("no left preference with random sides: a term near 0 that moves nothing", () => {
    const effect = positionTermEffect(arena(40_000, 0.5, (i, j, u) => (u < 0.5 ? i : j)));
    expect(Math.abs(effect.termPoints)).toBeLessThan(8);
    expect(effect.moves).toBeLessThan(2);
  });

  test("sides that favour some models: the left preference bends the plain board, and the term undoes it", () => {
    // The stronger model of each pair always sits left: the plain fit credits it with the left's 107 points.
    const stronger = (i: string, j: string) => (TRUE[i as keyof typeof TRUE] > TRUE[j as keyof typeof TRUE] ? i : j);
    const effect = positionTermEffect(arena(40_000, 0.65, stronger));
    expect(effect.moves).toBeGreaterThan(80);
  });

  test("perfectly balanced ordered cells: no term and no move; no votes: nothing", () => {
    const cells: PairCell[] = [
      { modelA: "x", modelB: "y", winsA: 30, winsB: 10, ties: 5, bothBad: 1 },
      { modelA: "y", modelB: "x", winsA: 10, winsB: 30, ties: 5, bothBad: 1 },
      { modelA: "y", modelB: "z", winsA: 20, winsB: 20, ties: 2, bothBad: 0 },
      { modelA: "z", modelB: "y", winsA: 20, winsB: 20, ties: 2, bothBad: 0 },
    ];
    const effect = positionTermEffect(cells);
    expect(Math.abs(effect.termPoints)).toBeLessThan(1e-6);
    expect(effect.moves).toBeLessThan(1e-6);
    expect(positionTermEffect([])).toEqual({ termPoints: 0, moves: null });
    // One vote: no established model, so no move to publish (the term itself is the ridge's).
    expect(
      positionTermEffect([{ modelA: "x", modelB: "y", winsA: 1, winsB: 0, ties: 0, bothBad: 0 }]).moves,
    ).toBeNull();
  });
});
