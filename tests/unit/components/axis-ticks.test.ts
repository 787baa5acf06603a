import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { niceTicks, timeTicks } from "@/components/charts/axis-ticks";

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

describe("round time ticks", () => {
  const at = (iso: string) => Date.parse(iso);

  test("a few hours of snapshots get whole hours, never the same label twice", () => {
    const { ticks, step } = timeTicks(at("2026-12-01T04:10:00Z"), at("2026-12-01T08:50:00Z"));
    expect(step).toBe(60 * 60_000);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(["05:00", "06:00", "07:00", "08:00"]);
  });

  test("weeks of snapshots get whole days at midnight UTC", () => {
    const { ticks, step } = timeTicks(at("2026-11-03T15:00:00Z"), at("2026-11-20T09:00:00Z"));
    expect(step).toBe(7 * 24 * 60 * 60_000);
    for (const tick of ticks) expect(new Date(tick).toISOString().slice(11)).toBe("00:00:00.000Z");
  });

  test("any span: inside it, evenly spaced, at most the asked count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 60_000, max: 5e11 }), (start, width) => {
        const { ticks, step } = timeTicks(start, start + width, 5);
        expect(ticks.length).toBeLessThanOrEqual(5);
        for (const tick of ticks) {
          expect(tick).toBeGreaterThanOrEqual(start);
          expect(tick).toBeLessThanOrEqual(start + width);
          expect(tick % step).toBe(0);
        }
      }),
    );
  });
});
