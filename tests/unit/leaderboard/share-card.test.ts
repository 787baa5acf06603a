import { describe, expect, test } from "vitest";
import { cardLines, cardPath, chooseCard, modelCardLines, modelCardPath } from "@/lib/leaderboard/share-card";

describe("chooseCard", () => {
  test("keeps a known category and the Chinese language", () => {
    expect(chooseCard({ category: "anime", lang: "zh" }, ["anime", "nature"])).toEqual({
      category: "anime",
      lang: "zh",
    });
  });
  test("an unknown category is the overall board; any other language is English", () => {
    expect(chooseCard({ category: "nope", lang: "fr" }, ["anime"])).toEqual({ category: "overall", lang: "en" });
    expect(chooseCard({ category: ["anime"], lang: undefined }, ["anime"])).toEqual({
      category: "overall",
      lang: "en",
    });
  });
  test("the path names the category and language", () => {
    expect(cardPath({ category: "anime", lang: "zh" })).toBe("/leaderboard/card?category=anime&lang=zh");
    expect(cardPath({ category: "overall", lang: "en" })).toBe("/leaderboard/card?lang=en");
  });
});

describe("cardLines", () => {
  const row = (
    model: string,
    rank: number,
    rating: number,
    ciLow: number | null,
    ciHigh: number | null,
    extra = {},
  ) => ({
    model,
    rank,
    rating,
    ciLow,
    ciHigh,
    group: 0,
    ...extra,
  });

  test("writes the page's asymmetric interval as +above / −below", () => {
    expect(cardLines([row("a", 1, 1074.4, 1055.9, 1093.6)])).toEqual([
      { rank: 1, model: "a", rating: "1074", interval: "+19 / −19", provisional: false },
    ]);
    expect(cardLines([row("b", 1, 1000, 970, 1040)])[0]?.interval).toBe("+40 / −30");
  });

  test("puts provisional rows after the established ones, open sides written as open", () => {
    const lines = cardLines([
      row("only-wins", 1, 1300, 1133.9, null),
      row("b", 2, 1050, 1000, 1100),
      row("flagged", 3, 1020, 990, 1060, { provisional: true }),
      row("c", 4, 990, 950, 1030),
    ]);
    expect(lines.map((l) => [l.model, l.provisional])).toEqual([
      ["b", false],
      ["c", false],
      ["only-wins", true],
      ["flagged", true],
    ]);
    expect(lines[2]?.interval).toBe("> 1134");
  });

  test("takes at most `limit` lines", () => {
    const rows = Array.from({ length: 9 }, (_, i) => row(`m${i}`, i + 1, 1100 - i, 1000 - i, 1200 - i));
    expect(cardLines(rows)).toHaveLength(6);
    expect(cardLines(rows, 2).map((l) => l.model)).toEqual(["m0", "m1"]);
  });
});

describe("modelCardLines", () => {
  test("writes each category's rating, range interval, rank and votes, overall first, at most `limit`", () => {
    const ratings = [
      { category: "overall", rating: 1074.4, ciLow: 1055.9, ciHigh: 1093.6, rank: 2, votes: 130 },
      { category: "anime", rating: 1201, ciLow: 1133.9, ciHigh: null, rank: 1, votes: 7 },
      { category: "nature", rating: 990, ciLow: 950, ciHigh: 1030, rank: 3, votes: 40 },
    ];
    expect(modelCardLines(ratings, 2)).toEqual([
      { category: "overall", rating: "1074", interval: "1056–1094", rank: 2, votes: 130 },
      { category: "anime", rating: "1201", interval: "> 1134", rank: 1, votes: 7 },
    ]);
  });
  test("the path escapes the slug and names the language", () => {
    expect(modelCardPath("a b", "zh")).toBe("/models/a%20b/card?lang=zh");
  });
});
