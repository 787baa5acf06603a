import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type LeaderboardQuery, leaderboardQuerySchema } from "@/lib/leaderboard/leaderboard-query";
import { type LeaderboardSort, leaderboardUrl } from "@/lib/leaderboard/leaderboard-url";

const DEFAULTS = leaderboardQuerySchema.parse({});

/** The page's reading of its URL: `promptLang` is the prompt-language filter (`lang` is the UI's). */
function queryOfUrl(url: string): { query: LeaderboardQuery; sort: string } {
  const params = new URL(url, "http://localhost").searchParams;
  const { promptLang, sort, ...rest } = Object.fromEntries(params);
  return { query: leaderboardQuerySchema.parse({ ...rest, lang: promptLang }), sort: sort ?? "rating" };
}

describe("leaderboardUrl", () => {
  test("the default view is the bare path", () => {
    expect(leaderboardUrl(DEFAULTS)).toBe("/leaderboard");
    // The published intervals resample whole voters; single votes are asked for.
    expect(DEFAULTS.cluster).toBe("voter");
    expect(leaderboardUrl({ ...DEFAULTS, cluster: "none" })).toBe("/leaderboard?cluster=none");
  });

  test("the prompt-language filter travels as promptLang, never as lang", () => {
    const url = leaderboardUrl({ ...DEFAULTS, lang: "zh", category: "physics" }, "votes");
    expect(url).toBe("/leaderboard?category=physics&promptLang=zh&sort=votes");
  });

  test("any query and sort survive the round trip through the page's URL", () => {
    const queryArb = fc.record({
      category: fc.constantFrom("overall", "physics", "dance"),
      lang: fc.constantFrom("", "zh", "en"),
      mode: fc.constantFrom("", "image_to_video", "text_to_video"),
      period: fc.constantFrom("all", "30d", "7d"),
    });
    const sortArb = fc.constantFrom<LeaderboardSort>("rating", "votes", "winRate", "model");
    fc.assert(
      fc.property(queryArb, sortArb, (fields, sort) => {
        const query = leaderboardQuerySchema.parse(fields);
        expect(queryOfUrl(leaderboardUrl(query, sort))).toEqual({ query, sort });
      }),
    );
  });
});
