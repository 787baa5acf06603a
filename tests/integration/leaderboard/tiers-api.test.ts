import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { statisticalTiers } from "@/lib/ratings/tiers";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = {
  btBootstrap: 100,
  eloBootstrap: 10,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 60,
};

describe.each(testEngines)("statistical tiers through the leaderboard API on %s", (engine) => {
  let f: ArenaFixture;

  /** `wins` votes for `winner` and `losses` against it, each from its own voter, sides alternating. */
  async function addRecord(winner: string, loser: string, wins: number, losses: number) {
    const [w, l] = await Promise.all([
      f.db.model.findUniqueOrThrow({ where: { slug: winner } }),
      f.db.model.findUniqueOrThrow({ where: { slug: loser } }),
    ]);
    const wClip = await f.db.clip.findFirstOrThrow({ where: { modelId: w.id } });
    const lClip = await f.db.clip.findFirstOrThrow({ where: { modelId: l.id, promptId: wClip.promptId } });
    for (let i = 0; i < wins + losses; i += 1) {
      const winnerLeft = i % 2 === 0;
      const session = await f.db.voterSession.create({ data: { id: `s-${Math.random().toString(36).slice(2)}` } });
      const [left, right] = winnerLeft ? [wClip, lClip] : [lClip, wClip];
      const battle = await f.db.battle.create({
        data: {
          token: `t-${Math.random().toString(36).slice(2)}`,
          promptId: wClip.promptId,
          leftClipId: left.id,
          rightClipId: right.id,
          voterSessionId: session.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 60_000),
        },
      });
      const winnerWins = i < wins;
      await f.ctx.votes.write({
        battleId: battle.id,
        kind: "anonymous",
        promptId: wClip.promptId,
        leftModelId: left.modelId,
        rightModelId: right.modelId,
        voterSessionId: session.id,
        outcome: winnerWins === winnerLeft ? "left" : "right",
        promptLang: null,
        decisionMs: 9000,
        flagged: false,
        flagReason: null,
        createdAt: new Date(),
        tags: [],
      });
    }
  }

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
    // Veo 2 far above Kling 1.6 far above Vidu; Hailuo beside Kling 1.6; Runway with 5 votes (provisional).
    await addRecord("veo-2", "kling-1-6", 45, 5);
    await addRecord("kling-1-6", "vidu", 45, 5);
    await addRecord("veo-2", "vidu", 48, 2);
    await addRecord("hailuo", "kling-1-6", 25, 25);
    await addRecord("hailuo", "vidu", 45, 5);
    await addRecord("runway-gen-4", "vidu", 3, 2);
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
  }, 180_000);
  afterAll(() => f.close());

  test("every row carries the tier the rule gives its interval; provisional rows none", async () => {
    const response = await handleLeaderboard(getPublicContext(f.db), new Request("http://localhost/api/leaderboard"));
    const board = leaderboardResponseSchema.parse(await response.json());
    const tier = Object.fromEntries(board.rows.map((row) => [row.slug, row.tier]));
    expect(tier).toMatchObject({ "veo-2": 1, "kling-1-6": 2, hailuo: 2, vidu: 3, "runway-gen-4": null });
    expect(board.rows.map((row) => row.tier)).toEqual(statisticalTiers(board.rows));
    // Tiers run down the ranking: never a better tier below a worse one among established rows.
    const established = board.rows.filter((row) => !row.provisional).map((row) => row.tier as number);
    expect(established).toEqual([...established].sort((a, b) => a - b));
  });

  test("the OpenAPI document describes the field", () => {
    const text = JSON.stringify(buildOpenApiDocument());
    expect(text).toContain("Statistical tier within the group");
  });
});
