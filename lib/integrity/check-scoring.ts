import { type ProportionInterval, wilsonInterval } from "../ratings/wilson-interval";

/**
 * Scoring voter care with known-answer (check) battles, issue 31 (lib/arena/check-battles.ts). A
 * check is passed by choosing the original over its degraded twin; tie and both-bad fail. A voter
 * session's accuracy is passed / checks with its 95% Wilson interval (lib/ratings/wilson-interval.ts).
 * A session is failing when, after at least `minChecks` checks, the interval's upper bound is
 * below `threshold`: even its most favourable plausible accuracy is too low. Its votes are then
 * flagged FAILED_CHECKS_REASON (kept in the data and in exports, off the board like every flag).
 *
 * Operating points simulated by tests/unit/integrity/check-scoring.test.ts (threshold 0.7, 5
 * checks at least, the rule applied after every check since recomputes run between votes and a
 * flag stays): within 10 checks it catches 93.7% of voters pressing any of the four buttons at
 * random (pass rate 1/4) and flags 0.06% of careful voters passing 90% (1.5% at 80%). At exactly
 * 10 checks a session fails at 4 passes or fewer. A voter choosing only A or B at random passes
 * half the time and is caught far less often: the rule measures care, it does not catch coin tossers.
 */

/** The flag reason of votes whose session fails its checks. */
export const FAILED_CHECKS_REASON = "failed_checks";

/** When a session fails its checks (CHECK_FLAG_THRESHOLD, CHECK_FLAG_MIN_CHECKS). */
export interface CheckRule {
  /** Upper 95% Wilson bound of the accuracy below which the session fails, in (0, 1]. */
  threshold: number;
  /** Fewest checks before the rule may flag anyone. */
  minChecks: number;
}

export const DEFAULT_CHECK_RULE: CheckRule = { threshold: 0.7, minChecks: 5 };

/** A session's (or a group's) accuracy on checks: share passed with its 95% Wilson interval. */
export function checkAccuracy(passed: number, checks: number): ProportionInterval {
  return wilsonInterval(passed, checks);
}

/** Whether a session with `passed` of `checks` checks fails the rule (its votes get flagged). */
export function failsChecks(passed: number, checks: number, rule: CheckRule = DEFAULT_CHECK_RULE): boolean {
  return checks >= rule.minChecks && checkAccuracy(passed, checks).ciHigh < rule.threshold;
}
