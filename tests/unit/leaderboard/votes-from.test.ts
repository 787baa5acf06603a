import { describe, expect, test } from "vitest";
import type { LoadedSnapshot } from "@/lib/leaderboard/latest-snapshot";
import {
  battlesOf,
  isFittedOnRequest,
  leaderboardQuerySchema,
  queryKey,
  viewKey,
} from "@/lib/leaderboard/leaderboard-query";
import { leaderboardUrl } from "@/lib/leaderboard/leaderboard-url";
import { answeringQuery } from "@/lib/leaderboard/read-leaderboard";
import type { PublishedView } from "@/lib/leaderboard/snapshot-data";

const EMPTY_BT = { rows: [] } as unknown as PublishedView["bt"];

/** A snapshot whose overall view holds `quadVotes` quad votes (undefined: none, as before quads were rated). */
function snapshot(quadVotes?: number): LoadedSnapshot {
  return {
    id: "s",
    computedAt: new Date("2026-12-01T00:00:00Z"),
    params: { btBootstrap: 0, eloBootstrap: 0, eloK: 4, seed: 1, includeFlagged: false, burstVotesPerMinute: 60 },
    data: {
      models: [],
      categories: [],
      views: { [viewKey({ category: "overall", lang: "", mode: "" })]: { votes: 10, quadVotes, bt: EMPTY_BT } },
    },
  };
}

describe("votesFrom (issue 32: pairs, quads or both)", () => {
  test("defaults to both; pairs and quads are other queries, fitted on request", () => {
    const both = leaderboardQuerySchema.parse({});
    const pairs = leaderboardQuerySchema.parse({ votesFrom: "pairs" });
    expect(both.votesFrom).toBe("both");
    expect(isFittedOnRequest(both)).toBe(false);
    expect(isFittedOnRequest(pairs)).toBe(true);
    expect(queryKey(pairs)).not.toBe(queryKey(both));
    expect([battlesOf("both"), battlesOf("pairs"), battlesOf("quads")]).toEqual(["all", "pairs", "quads"]);
    expect(leaderboardUrl(both)).toBe("/leaderboard");
    expect(leaderboardUrl(pairs)).toBe("/leaderboard?votesFrom=pairs");
  });

  test("refuses anything else, and Elo or style control with one kind of vote", () => {
    expect(leaderboardQuerySchema.safeParse({ votesFrom: "triples" }).success).toBe(false);
    const elo = leaderboardQuerySchema.safeParse({ method: "elo", votesFrom: "quads" });
    expect(elo.error?.issues[0]?.path).toEqual(["method"]);
    expect(leaderboardQuerySchema.safeParse({ control: "style", votesFrom: "pairs" }).success).toBe(false);
  });

  test("a view without quad votes answers pairs with the published board and quads with an empty one, unfitted", () => {
    const pairs = leaderboardQuerySchema.parse({ votesFrom: "pairs" });
    const quads = leaderboardQuerySchema.parse({ votesFrom: "quads" });
    for (const none of [snapshot(), snapshot(0)]) {
      expect(answeringQuery(none, pairs)).toEqual({ read: { ...pairs, votesFrom: "both" }, empty: false });
      expect(answeringQuery(none, quads)).toEqual({ read: quads, empty: true });
    }
    // With quads, each kind is its own fit; a date range of a view without quads has none either.
    expect(answeringQuery(snapshot(3), pairs)).toEqual({ read: pairs, empty: false });
    expect(answeringQuery(snapshot(3), quads)).toEqual({ read: quads, empty: false });
    const ranged = leaderboardQuerySchema.parse({ votesFrom: "quads", from: "2026-11-01" });
    expect(answeringQuery(snapshot(), ranged).empty).toBe(true);
  });
});
