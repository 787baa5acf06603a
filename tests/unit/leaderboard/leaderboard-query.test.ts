import { describe, expect, test } from "vitest";
import { leaderboardQuerySchema, queryKey, readPageQuery, UNFILTERED_ONLY } from "@/lib/leaderboard/leaderboard-query";

const FILTERS: Record<string, string>[] = [
  { lang: "zh" },
  { period: "7d" },
  { mode: "text_to_video" },
  { from: "2026-11-01" },
  { to: "2026-11-30" },
];

describe("leaderboardQuerySchema", () => {
  test("Elo or style control with a filter, and style control with Elo, are refused naming the field", () => {
    const refusal = (input: Record<string, string>) => {
      const parsed = leaderboardQuerySchema.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      const [issue] = parsed.error?.issues ?? [];
      return { path: issue?.path, issue: issue?.code === "custom" ? issue.params?.issue : undefined };
    };
    for (const filter of FILTERS) {
      expect(refusal({ method: "elo", ...filter })).toEqual({ path: ["method"], issue: UNFILTERED_ONLY });
      expect(refusal({ control: "style", ...filter })).toEqual({ path: ["control"], issue: UNFILTERED_ONLY });
    }
    expect(refusal({ control: "style", method: "elo" })).toEqual({ path: ["control"], issue: UNFILTERED_ONLY });
    // Elo has no bootstrap over clusters; style control is published for the default fit only. The
    // published unit (whole voters) is the default, so only another unit is a filter.
    expect(refusal({ method: "elo", cluster: "none" })).toEqual({ path: ["method"], issue: UNFILTERED_ONLY });
    expect(refusal({ method: "elo", cluster: "prompt" })).toEqual({ path: ["method"], issue: UNFILTERED_ONLY });
    expect(refusal({ control: "style", cluster: "none" })).toEqual({ path: ["control"], issue: UNFILTERED_ONLY });
    expect(refusal({ control: "style", method: "bt-half" })).toEqual({ path: ["control"], issue: UNFILTERED_ONLY });
    expect(refusal({ control: "style", cluster: "prompt" })).toEqual({ path: ["control"], issue: UNFILTERED_ONLY });
    expect(leaderboardQuerySchema.safeParse({ cluster: "judge" }).success).toBe(false);
  });

  test("the unfiltered Elo and style-controlled views, and Bradley-Terry with any filter, are accepted", () => {
    for (const input of [
      { method: "elo" },
      { control: "style" },
      { category: "physics", method: "elo" },
      { method: "elo", cluster: "voter" },
      ...FILTERS,
    ])
      expect(leaderboardQuerySchema.safeParse(input).success, JSON.stringify(input)).toBe(true);
  });
});

describe("queryKey", () => {
  test("two queries share a key exactly when every field is the same", () => {
    const inputs = [
      {},
      { category: "physics" },
      { method: "elo" },
      { method: "bt-half" },
      { cluster: "none" },
      { cluster: "prompt" },
      { control: "style" },
      { lang: "zh" },
      { lang: "en" },
      { mode: "image_to_video" },
      { period: "30d" },
      { from: "2026-01-01" },
      { to: "2026-01-01" },
      { from: "2026-01-01", to: "2026-01-02" },
    ];
    const keys = inputs.map((input) => queryKey(leaderboardQuerySchema.parse(input)));
    expect(new Set(keys).size).toBe(inputs.length);
    expect(queryKey(leaderboardQuerySchema.parse({ category: "overall", method: "bt" }))).toBe(keys[0]);
    expect(queryKey(leaderboardQuerySchema.parse({ cluster: "voter" }))).toBe(keys[0]);
  });
});

describe("readPageQuery", () => {
  test("Elo or style control with filters shows the unfiltered board and keeps the filters in the request", () => {
    const { requested, shown } = readPageQuery({ category: "physics", method: "elo", period: "7d", lang: "zh" });
    expect(requested).toMatchObject({ category: "physics", method: "elo", period: "7d", lang: "zh" });
    expect(shown).toEqual(leaderboardQuerySchema.parse({ category: "physics", method: "elo" }));
    expect(readPageQuery({ control: "style", method: "elo" }).shown).toEqual(
      leaderboardQuerySchema.parse({ control: "style" }),
    );
  });

  test("a URL breaking any other rule shows the default board; a valid one shows itself", () => {
    const defaults = leaderboardQuerySchema.parse({});
    for (const input of [{ method: "glicko" }, { from: "2026-02-01", to: "2026-01-01", method: "elo" }])
      expect(readPageQuery(input)).toEqual({ requested: defaults, shown: defaults });
    const valid = leaderboardQuerySchema.parse({ lang: "en", period: "30d" });
    expect(readPageQuery({ lang: "en", period: "30d" })).toEqual({ requested: valid, shown: valid });
  });
});
