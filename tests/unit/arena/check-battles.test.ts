import { describe, expect, it } from "vitest";
import { pickCheckBattle } from "@/lib/arena/check-battles";
import { seededRandom } from "@/lib/random";

const sampled = { promptId: "p", left: { id: "c1", modelId: "m1" }, right: { id: "c2", modelId: "m2" } };

describe("picking check battles", () => {
  it("never checks when switched off or when neither drawn clip has a twin, and then draws nothing", () => {
    let draws = 0;
    const counting = () => {
      draws += 1;
      return 0;
    };
    expect(pickCheckBattle(sampled, new Map([["c1", "t1"]]), 0, counting)).toBeNull();
    expect(pickCheckBattle(sampled, new Map([["c9", "t9"]]), 1, counting)).toBeNull();
    expect(pickCheckBattle(sampled, undefined, 1, counting)).toBeNull();
    expect(draws).toBe(0);
  });

  it("checks 1 in `every` battles, of a twinned clip only, the twin on either side by a fair coin", () => {
    const random = seededRandom(31);
    const n = 40_000;
    let checks = 0;
    let left = 0;
    for (let i = 0; i < n; i += 1) {
      const check = pickCheckBattle(sampled, new Map([["c2", "t2"]]), 25, random);
      if (!check) continue;
      checks += 1;
      expect(check).toMatchObject({ clipId: "c2", twinId: "t2" });
      if (check.twinSide === "left") left += 1;
    }
    // 1/25 = 0.04; binomial standard error at n = 40,000 is 0.001.
    expect(Math.abs(checks / n - 0.04)).toBeLessThan(0.004);
    expect(Math.abs(left / checks - 0.5)).toBeLessThan(0.05);
  });

  it("checks every twinned battle at 1 in 1, spreading over both twinned clips", () => {
    const random = seededRandom(5);
    const twins = new Map([
      ["c1", "t1"],
      ["c2", "t2"],
    ]);
    const clips = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const check = pickCheckBattle(sampled, twins, 1, random);
      expect(check).not.toBeNull();
      clips.add(check!.clipId);
    }
    expect(clips).toEqual(new Set(["c1", "c2"]));
  });
});
