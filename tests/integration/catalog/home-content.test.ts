import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findShowcasePair } from "@/lib/catalog/showcase";
import { selectCategoryLeaders } from "@/lib/leaderboard/category-leaders";
import { LeaderboardCache } from "@/lib/leaderboard/leaderboard-cache";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { countCountedVotes } from "@/lib/counted-vote";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 3, includeFlagged: false, burstVotesPerMinute: 600 };

describe.each(testEngines)("home page content on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  test("no clip is shown until a prompt is published, then two named clips of that prompt", async () => {
    expect(await f.db.prompt.count({ where: { publishedAt: { not: null } } })).toBe(0);
    expect(await findShowcasePair(f.db)).toBeNull();
    const prompt = await f.db.prompt.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    await f.db.prompt.update({ where: { id: prompt.id }, data: { publishedAt: new Date() } });
    const pair = await findShowcasePair(f.db);
    expect(pair?.prompt.id).toBe(prompt.id);
    expect(pair?.clips).toHaveLength(2);
    const clips = await f.db.clip.findMany({ where: { id: { in: pair?.clips.map((c) => c.id) } } });
    expect(clips.every((c) => c.promptId === prompt.id && !c.hidden)).toBe(true);
    expect(new Set(clips.map((c) => c.modelId)).size).toBe(2);
  });

  test("leaders: the top three of every connected group of every view with votes, with intervals, from the newest snapshot", async () => {
    const leaderboard = new LeaderboardCache();
    expect(selectCategoryLeaders(await leaderboard.latestSnapshot(f.db))).toEqual([]);
    for (let n = 0; n < 12; n++) {
      const served = await servedAgo(60_000, () => handleCreateBattle(f.ctx, postJson("/api/battles", {})));
      const { battleId } = (await served.json()) as { battleId: string };
      const voted = await handleVote(
        f.ctx,
        postJson(`/api/battles/${battleId}/vote`, { outcome: n % 3 ? "left" : "right" }, cookieFrom(served)),
        battleId,
      );
      expect(voted.status).toBe(201);
    }
    await recomputeLeaderboard(f.db, PARAMS);
    leaderboard.forget();
    const leaders = selectCategoryLeaders(await leaderboard.latestSnapshot(f.db));
    expect(leaders[0]?.category).toBe("overall");
    expect(leaders[0]?.votes).toBe(await countCountedVotes(f.db));
    for (const view of leaders) {
      const groups = view.groups.map((g) => g.group);
      expect(groups).toEqual([...new Set(groups)].sort((a, b) => a - b));
      for (const { group, rows } of view.groups) {
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.length).toBeLessThanOrEqual(3);
        expect(rows.every((r) => r.group === group)).toBe(true);
        const ranks = rows.map((r) => r.rank);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        for (const row of rows) {
          // An open side (null) is one the votes cannot bound.
          expect(row.ciLow ?? -Infinity).toBeLessThanOrEqual(row.rating);
          expect(row.ciHigh ?? Infinity).toBeGreaterThanOrEqual(row.rating);
        }
      }
    }
    expect(leaders.length).toBeGreaterThan(1);
  });
});
