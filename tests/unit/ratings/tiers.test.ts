import { describe, expect, it } from "vitest";
import { computeBradleyTerry } from "@/lib/ratings";
import { statisticalTiers, type TierInput } from "@/lib/ratings/tiers";

const row = (
  rating: number,
  ciLow: number | null,
  ciHigh: number | null,
  extra: Partial<TierInput> = {},
): TierInput => ({
  rating,
  ciLow,
  ciHigh,
  group: 0,
  provisional: false,
  ...extra,
});

describe("statisticalTiers", () => {
  it("opens a new tier when an upper bound falls below the leader's lower bound", () => {
    // Leader's anchor 1080: B (1095) reaches it; C (1070) does not and opens tier 2 anchored at 980;
    // D (1000) reaches 980; E (975) does not.
    const rows = [
      row(1100, 1080, 1120),
      row(1085, 1075, 1095),
      row(1030, 980, 1070),
      row(990, 960, 1000),
      row(950, 940, 975),
    ];
    expect(statisticalTiers(rows)).toEqual([1, 1, 2, 2, 3]);
  });

  it("keeps the anchor fixed, so small overlaps do not chain into one tier", () => {
    // Each model overlaps its neighbour, but C's upper bound (1079) misses the leader's 1080.
    const rows = [row(1100, 1080, 1120), row(1085, 1060, 1100), row(1060, 1040, 1079), row(1045, 1020, 1065)];
    expect(statisticalTiers(rows)).toEqual([1, 1, 2, 2]);
  });

  it("puts a model whose upper bound equals the anchor in the open tier", () => {
    expect(statisticalTiers([row(1100, 1050, 1150), row(1000, 950, 1050)])).toEqual([1, 1]);
    expect(statisticalTiers([row(1100, 1050, 1150), row(1000, 950, 1049.9)])).toEqual([1, 2]);
  });

  it("numbers tiers within each group and leaves provisional and open rows apart", () => {
    const rows = [
      row(1200, 1150, 1250),
      row(900, 850, 950, { group: 1 }),
      row(1000, 990, 1010),
      row(800, 790, 810, { group: 1 }),
      row(1300, null, null, { provisional: true }),
      row(1250, 1200, 1300, { provisional: true }),
    ];
    expect(statisticalTiers(rows)).toEqual([1, 1, 2, 2, null, null]);
  });

  it("does not depend on the order of the rows", () => {
    const rows = [row(950, 940, 975), row(1100, 1080, 1120), row(1030, 980, 1070), row(1085, 1075, 1095)];
    expect(statisticalTiers(rows)).toEqual([3, 1, 2, 1]);
  });

  it("gives every row of a fitted result a tier (established) or null (provisional)", () => {
    // 3 models far apart, many votes each: each is its own tier; a fourth with 3 votes is provisional.
    const cells = [
      { modelA: "a", modelB: "b", winsA: 80, winsB: 20, ties: 0, bothBad: 0 },
      { modelA: "b", modelB: "c", winsA: 80, winsB: 20, ties: 0, bothBad: 0 },
      { modelA: "a", modelB: "c", winsA: 90, winsB: 10, ties: 0, bothBad: 0 },
      { modelA: "d", modelB: "a", winsA: 1, winsB: 2, ties: 0, bothBad: 0 },
    ];
    const result = computeBradleyTerry(cells, { bootstrap: 200, seed: 1 });
    const tierOf = Object.fromEntries(result.rows.map((r) => [r.model, r.tier]));
    expect(tierOf).toEqual({ a: 1, b: 2, c: 3, d: null });
  });
});
