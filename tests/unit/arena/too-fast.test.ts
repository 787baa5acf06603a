import { describe, expect, test } from "vitest";
import { votedTooFast } from "@/lib/arena/cast-vote";

describe("votedTooFast: sooner than the shortest clip could play once", () => {
  test("a delivery cut to the prompt's length: watching all of it is not too fast (the source's length is not what played)", () => {
    // Sources of 5.0 s and 6.0 s delivered at the prompt's 4.5 s; the vote after 4.6 s.
    const clips = [
      { durationMs: 5000, deliveredLengthMs: 4500 },
      { durationMs: 6000, deliveredLengthMs: 4500 },
    ];
    expect(votedTooFast(4600, clips)).toBe(false);
    expect(votedTooFast(4400, clips)).toBe(true);
  });

  test("a delivery longer than its source holds the last frame: the source's motion is what must have played", () => {
    const clips = [
      { durationMs: 3000, deliveredLengthMs: 5000 },
      { durationMs: 5000, deliveredLengthMs: 5000 },
    ];
    expect(votedTooFast(3100, clips)).toBe(false);
    expect(votedTooFast(2900, clips)).toBe(true);
  });

  test("four clips: the shortest of them", () => {
    const clips = [4000, 2500, 6000, 3000].map((ms) => ({ durationMs: ms, deliveredLengthMs: 3200 }));
    expect(votedTooFast(2400, clips)).toBe(true);
    expect(votedTooFast(2600, clips)).toBe(false);
  });
});
