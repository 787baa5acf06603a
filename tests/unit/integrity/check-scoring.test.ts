import { describe, expect, it } from "vitest";
import { passesCheck } from "@/lib/arena/check-battles";
import { checkAccuracy, DEFAULT_CHECK_RULE, failsChecks } from "@/lib/integrity/check-scoring";
import { seededRandom, type Random } from "@/lib/random";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

/**
 * One simulated session of `checks` check battles. The twin's side is a fair coin, as served. A
 * careless voter presses one of the four buttons at random; a careful one picks the original with
 * probability `care` and otherwise any other button. The rule is applied after every check, as the
 * recomputes that run between votes would (a flag, once set, stays): true when it ever fails.
 */
function everFlagged(voter: "careful" | "careless", care: number, checks: number, random: Random): boolean {
  let passed = 0;
  for (let n = 1; n <= checks; n += 1) {
    const twinSide = random() < 0.5 ? "left" : "right";
    const original = twinSide === "left" ? "right" : "left";
    const others = OUTCOMES.filter((o) => o !== original);
    const outcome =
      voter === "careless"
        ? OUTCOMES[Math.floor(random() * 4)]!
        : random() < care
          ? original
          : others[Math.floor(random() * others.length)]!;
    if (passesCheck(outcome, twinSide)) passed += 1;
    if (failsChecks(passed, n)) return true;
  }
  return false;
}

function flaggedShare(voter: "careful" | "careless", care: number, checks: number, sessions: number, seed: number) {
  const random = seededRandom(seed);
  let flagged = 0;
  for (let s = 0; s < sessions; s += 1) if (everFlagged(voter, care, checks, random)) flagged += 1;
  return flagged / sessions;
}

describe("scoring voter care with check battles", () => {
  it("passes a check only when the original is chosen (tie and both-bad fail)", () => {
    expect(passesCheck("right", "left")).toBe(true);
    expect(passesCheck("left", "right")).toBe(true);
    expect(passesCheck("left", "left")).toBe(false);
    expect(passesCheck("tie", "left")).toBe(false);
    expect(passesCheck("both_bad", "right")).toBe(false);
  });

  it("gives a session's accuracy with its Wilson interval and flags only after enough checks", () => {
    expect(checkAccuracy(8, 10)).toMatchObject({ share: 0.8, trials: 10 });
    expect(checkAccuracy(8, 10).ciLow).toBeCloseTo(0.49, 2);
    expect(checkAccuracy(8, 10).ciHigh).toBeCloseTo(0.943, 2);
    // Four sessions all wrong: too few checks to say anything.
    expect(failsChecks(0, DEFAULT_CHECK_RULE.minChecks - 1)).toBe(false);
    expect(failsChecks(0, DEFAULT_CHECK_RULE.minChecks)).toBe(true);
    // With 10 checks the boundary is 4 passes (upper bound 0.688) against 5 (0.763).
    expect(failsChecks(4, 10)).toBe(true);
    expect(failsChecks(5, 10)).toBe(false);
    expect(failsChecks(5, 10, { threshold: 0.8, minChecks: 5 })).toBe(true);
  });

  // Simulation with known truth (issue 31): 20,000 sessions of each kind, 10 checks each.
  it("catches at least 90% of careless (random) sessions after 10 checks and flags at most 2% of careful ones", () => {
    const careless = flaggedShare("careless", 0, 10, 20_000, 31);
    const careful90 = flaggedShare("careful", 0.9, 10, 20_000, 32);
    const careful80 = flaggedShare("careful", 0.8, 10, 20_000, 33);
    console.log(
      `check rule after 10 checks: careless caught ${(careless * 100).toFixed(1)}%, ` +
        `careful (0.9) flagged ${(careful90 * 100).toFixed(2)}%, careful (0.8) flagged ${(careful80 * 100).toFixed(2)}%`,
    );
    expect(careless).toBeGreaterThanOrEqual(0.9);
    expect(careful90).toBeLessThanOrEqual(0.02);
    expect(careful80).toBeLessThanOrEqual(0.02);
  });

  it("fails to catch careless sessions when it has too few checks, as a rule that cannot see must", () => {
    // After only 5 checks, a random voter passes 2 or more about 37% of the time and is not flagged yet.
    const careless5 = flaggedShare("careless", 0, 5, 20_000, 34);
    expect(careless5).toBeLessThan(0.9);
    expect(careless5).toBeGreaterThan(0.5);
  });
});
