import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { niceTicks } from "@/lib/ratings/axis-ticks";

describe("round axis ticks", () => {
  test("the issue's axis (−192 … 1158) gets round ticks", () => {
    expect(niceTicks(-192, 1158)).toEqual([-500, 0, 500, 1000, 1500]);
  });

  test("a typical leaderboard range", () => {
    expect(niceTicks(868, 1518)).toEqual([800, 1000, 1200, 1400, 1600]);
  });

  test("any range: round steps, covering it, a handful of ticks", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        (low, width) => {
          const ticks = niceTicks(low, low + width);
          const slack = 1e-9 * Math.max(1, Math.abs(low) + width);
          expect(ticks[0]).toBeLessThanOrEqual(low + slack);
          expect(ticks.at(-1)).toBeGreaterThanOrEqual(low + width - slack);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(7);
          const step = (ticks[1] as number) - (ticks[0] as number);
          const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
          expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
          for (const tick of ticks)
            expect(Math.abs(tick / step - Math.round(tick / step))).toBeLessThan(
              1e-6 * Math.max(1, Math.abs(tick / step)),
            );
        },
      ),
    );
  });
});
