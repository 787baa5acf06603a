import { describe, expect, test } from "vitest";
import { type Random, seededRandom } from "@/lib/random";
import { aggregateBattles, computeBradleyTerry, type RatedBattle, type Winner } from "@/lib/ratings";
import { computeStyleControl, type StyledCell } from "@/lib/ratings/style-control";

const MODELS = ["m0", "m1", "m2", "m3", "m4"];
const WINNERS: Winner[] = ["model_a", "model_b", "tie", "tie (bothbad)"];

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Votes with a clip-length difference each, as the database hands them over: in no set order. */
function styledVotes(count: number, random: Random) {
  return Array.from({ length: count }, () => {
    const i = Math.floor(random() * MODELS.length);
    let j = Math.floor(random() * (MODELS.length - 1));
    if (j >= i) j += 1;
    return {
      modelA: MODELS[i] as string,
      modelB: MODELS[j] as string,
      seconds: Math.floor(5 * random()) - 2,
      outcome: Math.floor(3 * random()),
    };
  });
}

/** Groups votes into cells in the order they come, as lib/leaderboard/style-and-failures.ts does. */
function styledCells(votes: ReturnType<typeof styledVotes>): StyledCell[] {
  const cells = new Map<string, StyledCell>();
  for (const vote of votes) {
    const key = `${vote.modelA}|${vote.modelB}|${vote.seconds}`;
    const cell = cells.get(key) ?? {
      modelA: vote.modelA,
      modelB: vote.modelB,
      differences: [vote.seconds],
      winsA: 0,
      winsB: 0,
      ties: 0,
    };
    if (vote.outcome === 0) cell.winsA += 1;
    else if (vote.outcome === 1) cell.winsB += 1;
    else cell.ties += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

describe("the same votes in another order give identical numbers", () => {
  test("Bradley-Terry: bootstrap intervals, ranks and matrices, to the last bit", () => {
    const random = seededRandom(11);
    const battles: RatedBattle[] = Array.from({ length: 400 }, () => {
      const [a, b] = shuffled(MODELS, random);
      return { modelA: a as string, modelB: b as string, winner: WINNERS[Math.floor(4 * random())] as Winner };
    });
    const options = { bootstrap: 200, seed: 3 };
    const reference = computeBradleyTerry(aggregateBattles(battles), options);
    for (let run = 0; run < 3; run += 1) {
      const again = computeBradleyTerry(aggregateBattles(shuffled(battles, random)), options);
      expect(again).toEqual(reference);
    }
  });

  test("style control: the cells are fitted and resampled in a stable order", () => {
    const random = seededRandom(12);
    const votes = styledVotes(400, random);
    const options = { bootstrap: 200, seed: 3 };
    const reference = computeStyleControl(styledCells(votes), ["duration"], options);
    for (let run = 0; run < 3; run += 1) {
      const again = computeStyleControl(styledCells(shuffled(votes, random)), ["duration"], options);
      expect(again).toEqual(reference);
    }
  });
});
