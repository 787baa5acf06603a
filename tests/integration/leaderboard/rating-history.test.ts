import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { modelProfileSchema } from "@/lib/catalog/model-profile";
import { handleModel } from "@/lib/http/catalog-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = {
  btBootstrap: 50,
  eloBootstrap: 10,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 1e6,
};
const VOTES = 60;
/** A fixed clock: the votes, and so the snapshot, are the same on every run. */
const START = Date.parse("2026-11-20T12:00:00Z");

describe.each(testEngines)("rating history with open intervals on %s", (engine) => {
  let f: ArenaFixture;
  let winner: string;
  let loser: string;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
    const slugs = (await f.db.model.findMany({ orderBy: { slug: "asc" }, select: { slug: true } })).map((m) => m.slug);
    [winner, loser] = [slugs[0] as string, slugs[1] as string];
    // `winner` wins every vote it is in and `loser` loses every other one: the votes bound the
    // first from below only and the second from above only. The rest tie among themselves.
    const random = seededRandom(5);
    for (let n = 0; n < VOTES; n += 1) {
      const servedAt = new Date(START + n * 120_000);
      await voteAsNewVoter(f, { id: `voter-${n}`, servedAt, random }, ({ leftModel: left, rightModel: right }) => ({
        outcome: left === winner || right === loser ? "left" : right === winner || left === loser ? "right" : "tie",
      }));
    }
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
  });
  afterAll(() => f.close());

  test("recompute stores a point for every rated model, an open side as null", async () => {
    const points = await f.db.ratingPoint.findMany({ where: { category: "overall" } });
    const rated = await f.db.model.count({ where: { clips: { some: {} } } });
    expect(points).toHaveLength(rated);
    const of = (slug: string) => points.find((p) => p.modelSlug === slug);
    expect(of(winner)).toMatchObject({ ciHigh: null });
    expect(of(winner)?.ciLow).toBeLessThan(of(winner)?.rating as number);
    expect(of(loser)).toMatchObject({ ciLow: null });
    expect(of(loser)?.ciHigh).toBeGreaterThan(of(loser)?.rating as number);
    const closed = points.filter((p) => p.modelSlug !== winner && p.modelSlug !== loser);
    expect(closed.length).toBeGreaterThan(0);
    for (const point of closed) {
      expect(point.ciLow).toBeLessThanOrEqual(point.rating);
      expect(point.ciHigh).toBeGreaterThanOrEqual(point.rating);
    }
  });

  test("the model API returns the open side as null, in the documented shape", async () => {
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const response = await handleModel(
      getPublicContext(f.db),
      new Request(`http://localhost/api/models/${winner}`),
      winner,
    );
    expect(response.status).toBe(200);
    const profile = modelProfileSchema.parse(await response.json());
    expect(profile.history).toHaveLength(2);
    expect(profile.history[0]!.computedAt < profile.history[1]!.computedAt).toBe(true);
    for (const point of profile.history) {
      expect(point.ciHigh).toBeNull();
      expect(point.ciLow).toBeLessThan(point.rating);
    }
    // The latest point is the rating the profile publishes.
    const overall = profile.ratings.find((r) => r.category === "overall");
    expect(profile.history[1]).toMatchObject({ rating: overall?.rating, ciLow: overall?.ciLow, ciHigh: null });
  });
});
