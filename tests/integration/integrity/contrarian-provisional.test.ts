import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { viewKey } from "@/lib/leaderboard/leaderboard-query";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 7, includeFlagged: false, burstVotesPerMinute: 600 };

describe.each(testEngines)("the contrarian test and provisional ratings on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  /**
   * One blind vote, served a minute ago, by `cookie`'s voter (a new voter without one). `choose`
   * picks the winner from the battle's two model slugs; returns the voter's cookie.
   */
  async function vote(choose: (left: string, right: string) => "left" | "right", cookie?: string) {
    const served = await servedAgo(60_000, () => handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie)));
    const { battleId } = (await served.json()) as { battleId: string };
    const battle = await f.db.battle.findUniqueOrThrow({
      where: { id: battleId },
      select: {
        leftClip: { select: { model: { select: { slug: true } } } },
        rightClip: { select: { model: { select: { slug: true } } } },
      },
    });
    const voter = cookie ?? cookieFrom(served);
    const outcome = choose(battle.leftClip.model.slug, battle.rightClip.model.slug);
    const voted = await handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, { outcome }, voter), battleId);
    expect(voted.status).toBe(201);
    return voter;
  }

  test("a voter who disagrees with ratings that a handful of votes made is not flagged contrarian", async () => {
    // The crowd: the alphabetically later slug always wins, so every model's few votes are one-sided
    // and the provisional ratings sit far apart.
    for (let i = 0; i < 24; i += 1) await vote((left, right) => (left > right ? "left" : "right"));
    await recomputeLeaderboard(f.db, PARAMS);
    const rows = (await readLatestSnapshot(f.db, null))!.data.views[
      viewKey({ category: "overall", lang: "", mode: "" })
    ]!.bt.rows;
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((row) => row.provisional)).toBe(true);
    const rating = new Map(rows.map((row) => [row.model, row.rating]));
    expect(Math.max(...rating.values()) - Math.min(...rating.values())).toBeGreaterThan(400);

    // One voter picks the model those ratings expect to lose, ten times.
    let voter: string | undefined;
    for (let i = 0; i < 10; i += 1)
      voter = await vote(
        (left, right) => ((rating.get(left) ?? 0) < (rating.get(right) ?? 0) ? "left" : "right"),
        voter,
      );
    await recomputeLeaderboard(f.db, PARAMS);
    const flags = await f.db.vote.groupBy({ by: ["flagReason"], where: { flagged: true }, _count: { _all: true } });
    expect(flags.map((flag) => flag.flagReason)).not.toContain("contrarian_voter");
  });
});
