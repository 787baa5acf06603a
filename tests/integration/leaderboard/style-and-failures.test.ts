import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { modelProfileSchema } from "@/lib/catalog/model-profile";
import { handleModel } from "@/lib/http/catalog-api";
import { handleFailures } from "@/lib/http/failures-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { failuresResponseSchema } from "@/lib/leaderboard/failure-view";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
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
const get = (path: string) => new Request(`http://localhost${path}`);
const VOTES = 240;
/** A fixed clock: the same votes, and so the same snapshot, on every run. */
const START = Date.parse("2026-11-20T12:00:00Z");

describe.each(testEngines)("failure profile and style control on %s", (engine) => {
  let f: ArenaFixture;
  let tagged: string;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
    // Each clip is 3 s or 7 s at random, so clip length and model are not tied (alternating in id
    // order is not: the seed creates clips prompt by prompt, an even number of models each).
    const lengths = seededRandom(1);
    const clips = await f.db.clip.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    for (const clip of clips) {
      await f.db.clip.update({ where: { id: clip.id }, data: { durationMs: lengths() < 0.5 ? 3000 : 7000 } });
    }
    tagged = (await f.db.model.findFirstOrThrow({ orderBy: { slug: "asc" }, select: { slug: true } })).slug;

    // Voters through the arena's own path, drawn from Davidson's tie model (the fit's own): models
    // equal, η = β·(left − right seconds) with β = ln 4 / 4 s, ν = 1, so P(left) ∝ e^{η/2},
    // P(right) ∝ e^{−η/2}, P(tie) ∝ ν: of the decisive votes the longer clip wins 4 in 5, and ties
    // occur at every length difference. (A rule "equal lengths tie, others never" is not
    // Davidson's: the fit explains the missing ties at 4 s by a larger β, ~5× the decisive truth.)
    // One model's clip is tagged "interpenetration" whenever it is shown.
    const random = seededRandom(3);
    for (let n = 0; n < VOTES; n += 1) {
      const servedAt = new Date(START + n * 120_000);
      await voteAsNewVoter(f, { id: `voter-${n}`, servedAt, random }, ({ clipMs, leftModel, rightModel }) => {
        const eta = (Math.log(4) / 4) * ((clipMs.left - clipMs.right) / 1000);
        const [left, right, tie] = [Math.exp(eta / 2), Math.exp(-eta / 2), 1];
        const u = random() * (left + right + tie);
        const outcome = u < left ? "left" : u < left + right ? "right" : "tie";
        const tags = {
          ...(leftModel === tagged ? { left: ["interpenetration" as const] } : {}),
          ...(rightModel === tagged ? { right: ["interpenetration" as const] } : {}),
        };
        return { outcome, tags };
      });
    }
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
  });
  afterAll(() => f.close());

  test("failure rates per model and tag, with Wilson intervals", async () => {
    const response = await handleFailures(getPublicContext(f.db), get("/api/leaderboard/failures"));
    expect(response.status).toBe(200);
    const body = failuresResponseSchema.parse(await response.json());
    expect(body.tags).toContain("interpenetration");
    const shownTotal = body.rows.reduce((sum, r) => sum + r.shown, 0);
    expect(shownTotal).toBe(2 * VOTES);
    for (const row of body.rows) {
      const share = row.tags.interpenetration;
      expect(share?.trials).toBe(row.shown);
      if (row.slug === tagged) {
        expect(share?.share).toBe(1);
        expect(share?.ciLow).toBeGreaterThan(0.5);
      } else {
        expect(share?.share).toBe(0);
        expect(share?.ciHigh).toBeGreaterThan(0);
      }
    }
    const one = failuresResponseSchema.parse(
      await (await handleFailures(getPublicContext(f.db), get(`/api/leaderboard/failures?model=${tagged}`))).json(),
    );
    expect(one.rows.map((r) => r.slug)).toEqual([tagged]);
    expect(
      (await handleFailures(getPublicContext(f.db), get("/api/leaderboard/failures?category=NOT%20A%20SLUG"))).status,
    ).toBe(400);
  });

  test("style control finds the length effect and leaves sound not estimable", async () => {
    const response = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?control=style"));
    expect(response.status).toBe(200);
    const board = leaderboardResponseSchema.parse(await response.json());
    expect(board.control).toBe("style");
    expect(board.rows.length).toBeGreaterThan(1);
    const duration = board.effects?.find((e) => e.feature === "duration");
    // Of the decisive votes the longer clip wins 4 in 5 (Davidson's θ and β are on the
    // decisive-preference scale): log10(4) × 400 / 4 s ≈ 60 points a second.
    expect(duration?.estimable).toBe(true);
    const truth = (400 * Math.log10(4)) / 4;
    expect(duration?.ciLow).toBeGreaterThan(0);
    expect(duration?.ciLow).toBeLessThan(truth);
    expect(duration?.ciHigh).toBeGreaterThan(truth);
    expect(duration?.ciHigh).toBeLessThan(2 * truth);
    expect(board.effects?.find((e) => e.feature === "audio")).toMatchObject({ estimable: false, points: null });
    // The models are equal, so with length controlled none stands out. "Every 95% interval overlaps
    // every other" is not a 95% event over k(k−1)/2 pairs (CI once saw two miss by 1.3 points), so
    // each pair's gap is read in standard errors of the difference (SE from the interval's width,
    // ±1.96 SE) and held under 4.0: a Bonferroni bound at α = 0.01 over up to 100 pairs of equal
    // models. (Lengths are drawn per clip, so the plain board is no further apart here: this checks
    // that the control adds no false separation; the duration effect above checks the control.)
    const se = (row: { ciLow: number | null; ciHigh: number | null }) =>
      row.ciLow !== null && row.ciHigh !== null ? (row.ciHigh - row.ciLow) / (2 * 1.96) : null;
    const bounded = board.rows.flatMap((row) => {
      const error = se(row);
      return error === null ? [] : [{ rating: row.rating, error }];
    });
    expect(bounded.length).toBeGreaterThan(1);
    const gaps = bounded.flatMap((a, i) =>
      bounded.slice(i + 1).map((b) => Math.abs(a.rating - b.rating) / Math.hypot(a.error, b.error)),
    );
    expect(Math.max(...gaps)).toBeLessThan(4.0);
    expect(
      (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?control=style&method=elo"))).status,
    ).toBe(400);
  });

  test("each recompute adds a rating-history point per model; the model API shows it with the failure profile", async () => {
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const profile = modelProfileSchema.parse(
      await (await handleModel(getPublicContext(f.db), get(`/api/models/${tagged}`), tagged)).json(),
    );
    expect(profile.history).toHaveLength(2);
    expect(profile.history[0]!.computedAt < profile.history[1]!.computedAt).toBe(true);
    for (const point of profile.history) {
      expect(point.ciLow).toBeLessThanOrEqual(point.rating);
      expect(point.ciHigh).toBeGreaterThanOrEqual(point.rating);
    }
    const overall = profile.failures.find((row) => row.category === "overall");
    expect(overall?.tags.interpenetration?.share).toBe(1);
    expect(await f.db.ratingPoint.count({ where: { category: "overall" } })).toBe(
      2 * (await f.db.model.count({ where: { clips: { some: {} } } })),
    );
  });
});
