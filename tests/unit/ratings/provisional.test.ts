import { describe, expect, test } from "vitest";
import { computeBradleyTerry } from "@/lib/ratings";
import { isProvisional, MIN_ESTABLISHED_VOTES } from "@/lib/ratings/provisional";
import type { PairCell } from "@/lib/ratings/types";

const cell = (modelA: string, modelB: string, winsA: number, winsB: number, ties = 0): PairCell => ({
  modelA,
  modelB,
  winsA,
  winsB,
  ties,
  bothBad: 0,
});

describe("the provisional rule", () => {
  test("fewer than MIN_ESTABLISHED_VOTES votes, or an open side, is provisional", () => {
    expect(MIN_ESTABLISHED_VOTES).toBe(20);
    expect(isProvisional({ votes: 19, ciLow: 900, ciHigh: 1100 })).toBe(true);
    expect(isProvisional({ votes: 20, ciLow: 900, ciHigh: 1100 })).toBe(false);
    expect(isProvisional({ votes: 500, ciLow: null, ciHigh: 1100 })).toBe(true);
    expect(isProvisional({ votes: 500, ciLow: 900, ciHigh: null })).toBe(true);
  });
});

describe("provisional rows in a fit", () => {
  // Three established models with mixed records, 40+ votes each.
  const established = [cell("a", "b", 30, 15, 5), cell("b", "c", 28, 17, 5), cell("a", "c", 35, 10, 5)];

  test("a one-win newcomer over the leader is provisional, listed last and moves no established rank", () => {
    const before = computeBradleyTerry(established, { bootstrap: 200 });
    expect(before.rows.every((r) => !r.provisional)).toBe(true);
    const after = computeBradleyTerry([...established, cell("new", "a", 1, 0)], { bootstrap: 200 });
    expect(after.rows.map((r) => r.model)).toEqual(["a", "b", "c", "new"]);
    const newcomer = after.rows.at(-1)!;
    expect(newcomer).toMatchObject({ model: "new", provisional: true, votes: 1, ciHigh: null });
    // Without the rule its open upper side and ridge-made point would sit above everyone.
    expect(newcomer.rating).toBeGreaterThan(after.rows[0]!.rating);
    const rank = (rows: typeof after.rows) =>
      Object.fromEntries(rows.filter((r) => !r.provisional).map((r) => [r.model, r.rank]));
    expect(rank(after.rows)).toEqual(rank(before.rows));
  });

  test("a closed-interval provisional row above an established one does not push it down, and is ranked against all", () => {
    // "few" beats c 10–1 and a 1–0: a loss closes its upper side; 12 votes make it provisional by count.
    const cells = [...established, cell("few", "c", 10, 1), cell("few", "a", 1, 0)];
    const result = computeBradleyTerry(cells, { bootstrap: 200 });
    const few = result.rows.find((r) => r.model === "few")!;
    expect(few.provisional).toBe(true);
    expect(result.rows.at(-1)!.model).toBe("few");
    const est = result.rows.filter((r) => !r.provisional);
    for (const r of est) expect(r.rank).toBe(1 + est.filter((o) => o.ciLow! > r.ciHigh!).length);
    const all = result.rows.filter((o) => o !== few && o.ciLow !== null && few.ciHigh !== null && o.ciLow > few.ciHigh);
    expect(few.rank).toBe(1 + all.length);
  });
});
