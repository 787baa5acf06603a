import { describe, expect, it } from "vitest";
import { crowdAgreement } from "@/lib/leaderboard/crowd-agreement";
import { seededRandom } from "@/lib/random";
import type { RatedBattle } from "@/lib/ratings/types";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";

/** Each vote once, as crowdAgreement takes them (distinct votes with their counts). */
const once = (votes: RatedBattle[]) => votes.map((battle) => ({ battle, count: 1 }));

const crowd = {
  a: { rating: 1100, group: 0 },
  b: { rating: 1000, group: 0 },
  c: { rating: 900, group: 0 },
  x: { rating: 1050, group: 1 },
  twin: { rating: 1000, group: 0 },
};

describe("crowdAgreement", () => {
  it("counts decisive votes whose winner the board rates higher, whichever side it was on", () => {
    const votes: RatedBattle[] = [
      { modelA: "a", modelB: "b", winner: "model_a" }, // agrees
      { modelA: "b", modelB: "a", winner: "model_b" }, // agrees (a on the right)
      { modelA: "c", modelB: "b", winner: "model_a" }, // disagrees
      { modelA: "a", modelB: "c", winner: "tie" }, // not decisive: ignored
      { modelA: "a", modelB: "c", winner: "tie (bothbad)" }, // ignored
    ];
    expect(crowdAgreement(once(votes), crowd)).toEqual({ agreed: 2, comparable: 3, notComparable: 0 });
  });

  it("leaves out pairs the board does not order: a missing model, two groups, equal ratings", () => {
    const votes: RatedBattle[] = [
      { modelA: "a", modelB: "new", winner: "model_a" },
      { modelA: "a", modelB: "x", winner: "model_b" },
      { modelA: "b", modelB: "twin", winner: "model_a" },
    ];
    expect(crowdAgreement(once(votes), crowd)).toEqual({ agreed: 0, comparable: 0, notComparable: 3 });
  });

  it("weighs each distinct vote by how many times it was cast", () => {
    const grouped = [
      { battle: { modelA: "a", modelB: "b", winner: "model_a" as const }, count: 7 },
      { battle: { modelA: "c", modelB: "a", winner: "model_a" as const }, count: 3 },
      { battle: { modelA: "x", modelB: "a", winner: "model_b" as const }, count: 2 },
    ];
    expect(crowdAgreement(grouped, crowd)).toEqual({ agreed: 7, comparable: 10, notComparable: 2 });
  });

  it("recovers a simulated voter's known agreement rate within its Wilson interval", () => {
    // A voter who picks the crowd's favourite with probability 0.8 on 400 decisive votes.
    const random = seededRandom(5);
    const pairs: [string, string][] = [
      ["a", "b"],
      ["b", "c"],
      ["a", "c"],
    ];
    const votes: RatedBattle[] = Array.from({ length: 400 }, (_, i) => {
      const [high, low] = pairs[i % 3] as [string, string];
      const left = random() < 0.5;
      const picksFavourite = random() < 0.8;
      const favouriteWins = left ? "model_a" : "model_b";
      return {
        modelA: left ? high : low,
        modelB: left ? low : high,
        winner: picksFavourite ? favouriteWins : favouriteWins === "model_a" ? "model_b" : "model_a",
      };
    });
    const tally = crowdAgreement(once(votes), crowd);
    expect(tally.comparable).toBe(400);
    const interval = wilsonInterval(tally.agreed, tally.comparable);
    expect(interval.ciLow).toBeLessThan(0.8);
    expect(interval.ciHigh).toBeGreaterThan(0.8);
  });
});
