import { describe, expect, test } from "vitest";
import { formatPriceTable, parsePriceTable, type PriceRow } from "@/lib/ratings/price-table";
import { seededRandom } from "@/lib/random";
import { clipPrice, costColumnsOf, costPerUsableClip, paretoFrontier, usableShare } from "@/lib/ratings/usable-cost";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";

describe("usable share and cost per usable clip", () => {
  test("the usable share is the Wilson interval of usable appearances", () => {
    expect(usableShare({ shown: 40, usable: 30 })).toEqual(wilsonInterval(30, 40));
  });

  test("the cost interval is the clip price divided by the share's bounds (upper bound open at 0)", () => {
    const share = wilsonInterval(30, 40);
    expect(costPerUsableClip(2, { shown: 40, usable: 30 })).toEqual({
      cost: 2 / 0.75,
      ciLow: 2 / share.ciHigh,
      ciHigh: 2 / share.ciLow,
    });
    // No usable clip: no point value, the lower bound from the share's upper bound, the upper bound open.
    const none = costPerUsableClip(2, { shown: 5, usable: 0 });
    expect(none.cost).toBeNull();
    expect(none.ciHigh).toBeNull();
    expect(none.ciLow).toBeCloseTo(2 / wilsonInterval(0, 5).ciHigh, 12);
    // Unknown price or nothing shown: all unknown, never 0.
    expect(costPerUsableClip(null, { shown: 5, usable: 5 })).toEqual({ cost: null, ciLow: null, ciHigh: null });
    expect(costPerUsableClip(2, { shown: 0, usable: 0 })).toEqual({ cost: null, ciLow: null, ciHigh: null });
  });

  test("a free model costs 0 per usable clip, which is not unknown", () => {
    expect(costPerUsableClip(0, { shown: 10, usable: 5 }).cost).toBe(0);
    expect(clipPrice(0, 5)).toBe(0);
    expect(clipPrice(null, 5)).toBeNull();
    expect(clipPrice(0.5, null)).toBeNull();
  });

  test("simulation with known truth: the cost interval covers price ÷ true share about 95% of the time", () => {
    const random = seededRandom(34);
    const truth = { share: 0.62, price: 0.5 * 5 };
    let covered = 0;
    const runs = 2000;
    for (let run = 0; run < runs; run += 1) {
      const shown = 60;
      let usable = 0;
      for (let i = 0; i < shown; i += 1) if (random() < truth.share) usable += 1;
      const { ciLow, ciHigh } = costPerUsableClip(truth.price, { shown, usable });
      const target = truth.price / truth.share;
      if (ciLow !== null && ciLow <= target && (ciHigh === null || target <= ciHigh)) covered += 1;
    }
    // Wilson's coverage at n = 60 is close to nominal; 2000 runs give a standard error of about 0.005.
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.98);
  });

  test("cost columns from a price row and a tally; unknown stays null", () => {
    const price: PriceRow = {
      model: "m",
      category: "overall",
      pricePerSecond: { value: 0.4, date: "2026-01-02", sourceUrl: "https://example.org/p" },
      generationSeconds: { value: 90, date: "2026-01-02", sourceUrl: "https://example.org/t" },
      clipSeconds: 5,
    };
    const columns = costColumnsOf(price, { shown: 20, usable: 15 });
    expect(columns).toMatchObject({
      pricePerSecondUsd: 0.4,
      priceDate: "2026-01-02",
      generationSeconds: 90,
      shown: 20,
      usableShare: 0.75,
    });
    expect(columns.costPerUsableClipUsd).toBeCloseTo((0.4 * 5) / 0.75, 12);
    expect(costColumnsOf(undefined, undefined)).toEqual({
      pricePerSecondUsd: null,
      priceDate: null,
      priceSource: null,
      generationSeconds: null,
      shown: 0,
      usableShare: null,
      usableCiLow: null,
      usableCiHigh: null,
      costPerUsableClipUsd: null,
      costCiLow: null,
      costCiHigh: null,
    });
  });
});

describe("Pareto frontier of rating against cost", () => {
  test("keeps exactly the points no other point dominates", () => {
    const points = [
      { id: "cheap-bad", quality: 900, cost: 1 },
      { id: "mid", quality: 1000, cost: 2 },
      { id: "dominated", quality: 950, cost: 3 },
      { id: "best", quality: 1100, cost: 5 },
      { id: "same-cost-worse", quality: 1050, cost: 5 },
      { id: "expensive-worse", quality: 1000, cost: 9 },
    ];
    expect(paretoFrontier(points)).toEqual(["cheap-bad", "mid", "best"]);
  });

  test("agrees with the brute-force definition on random points", () => {
    const random = seededRandom(7);
    for (let run = 0; run < 200; run += 1) {
      const points = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => ({
        id: `p${i}`,
        quality: Math.round(random() * 10),
        cost: Math.round(random() * 10),
      }));
      const dominated = (p: (typeof points)[number]) =>
        points.some((q) => q.cost <= p.cost && q.quality >= p.quality && (q.cost < p.cost || q.quality > p.quality));
      expect(new Set(paretoFrontier(points))).toEqual(new Set(points.filter((p) => !dominated(p)).map((p) => p.id)));
    }
  });
});

describe("price table CSV", () => {
  test("round-trips, blank for unknown", () => {
    const rows: PriceRow[] = [
      {
        model: "a",
        category: "overall",
        pricePerSecond: { value: 0.1 + 0.2, date: "2026-03-01", sourceUrl: "https://x.org/a?b=1,2" },
        generationSeconds: null,
        clipSeconds: 16 / 3,
      },
      { model: "b", category: "physics", pricePerSecond: null, generationSeconds: null, clipSeconds: null },
    ];
    expect(parsePriceTable(formatPriceTable(rows))).toEqual(rows);
  });

  test("bad values name the line and column", () => {
    const header = "model,price_usd_per_second,price_date,price_source,generation_seconds\n";
    expect(() => parsePriceTable(`${header}a,-1,2026-01-01,https://x.org,\n`)).toThrow(/line 2: price_usd_per_second/);
    expect(() => parsePriceTable(`${header}a,1,2026-01-01,ftp://x.org,\n`)).toThrow(/price_source/);
    expect(() => parsePriceTable(`${header}a,1,01/01/2026,https://x.org,\n`)).toThrow(/price_date/);
    expect(() => parsePriceTable("model,price\n")).toThrow(/missing column/);
  });
});
