import { describe, expect, test } from "vitest";
import { boardSections, isProvisional } from "@/lib/leaderboard/board-sections";

const row = (model: string, group: number, ciLow: number | null, ciHigh: number | null, provisional?: boolean) => ({
  model,
  group,
  ciLow,
  ciHigh,
  ...(provisional === undefined ? {} : { provisional }),
});

describe("boardSections", () => {
  test("one section per connected group in group order, rows in the given order", () => {
    const rows = [row("b", 1, 900, 1100), row("a", 0, 1000, 1200), row("c", 0, 950, 1050), row("d", 2, 800, 990)];
    const { groups, provisional } = boardSections(rows);
    expect(groups.map((g) => [g.group, g.rows.map((r) => r.model)])).toEqual([
      [0, ["a", "c"]],
      [1, ["b"]],
      [2, ["d"]],
    ]);
    expect(provisional).toEqual([]);
  });

  test("rows with an open interval side are provisional, whatever their group", () => {
    const rows = [
      row("a", 0, 1000, 1200),
      row("wins", 0, 1100, null),
      row("losses", 1, null, 700),
      row("x", 2, null, null),
    ];
    const { groups, provisional } = boardSections(rows);
    expect(groups.map((g) => g.rows.map((r) => r.model))).toEqual([["a"]]);
    expect(provisional.map((r) => r.model)).toEqual(["wins", "losses", "x"]);
  });

  test("the ratings' own provisional flag wins over the interval", () => {
    expect(isProvisional(row("closed but few votes", 0, 900, 1100, true))).toBe(true);
    expect(isProvisional(row("open but declared settled", 0, null, 1100, false))).toBe(false);
    expect(isProvisional(row("closed", 0, 900, 1100))).toBe(false);
  });

  test("an empty board has no sections", () => {
    expect(boardSections([])).toEqual({ groups: [], provisional: [] });
  });
});
