import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { castVote } from "@/lib/arena/cast-vote";
import { FAILURE_TAGS } from "@/lib/arena/failure-tags";
import { serveBattle } from "@/lib/arena/serve-battle";
import { getPublishedPrompt, listPublishedPrompts } from "@/lib/catalog/published-prompts";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("published prompt pages on %s", (engine) => {
  let f: ArenaFixture;
  let promptId: string;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    // Blind votes first, while every prompt is in the pool: the left clip always wins and is
    // tagged "identity_drift".
    const random = seededRandom(9);
    for (let n = 0; n < 60; n += 1) {
      const session = await f.db.voterSession.create({ data: { id: `voter-${n}` } });
      const servedAt = new Date(Date.now() - 120_000);
      const battle = await serveBattle(f.ctx, { voterSessionId: session.id, lang: "en", random, now: servedAt });
      await castVote(f.ctx, {
        battleId: battle.battleId,
        voterSessionId: session.id,
        body: { outcome: "left", tags: { left: ["identity_drift"] } },
        now: new Date(servedAt.getTime() + 60_000),
      });
    }
    const voted = await f.db.vote.groupBy({ by: ["promptId"], _count: { _all: true }, orderBy: { promptId: "asc" } });
    promptId = voted.sort((a, b) => b._count._all - a._count._all)[0]!.promptId;
  });
  afterAll(() => f.close());

  test("a prompt in the blind pool has no named page", async () => {
    expect(await getPublishedPrompt(f.db, promptId, FAILURE_TAGS)).toBeNull();
    expect(await getPublishedPrompt(f.db, "no-such-prompt", FAILURE_TAGS)).toBeNull();
    expect(await listPublishedPrompts(f.db)).toEqual([]);
  });

  test("once published: every model's clip, its win share and failures from the counted votes", async () => {
    await f.db.prompt.update({ where: { id: promptId }, data: { publishedAt: new Date() } });
    const page = await getPublishedPrompt(f.db, promptId, FAILURE_TAGS);
    const clips = await f.db.clip.count({ where: { promptId, hidden: false, retiredAt: null } });
    expect(page?.models).toHaveLength(clips);
    const votes = await f.db.vote.findMany({ where: { promptId }, include: { tags: true } });
    const leftWins = new Map<string, number>();
    const shown = new Map<string, number>();
    for (const vote of votes) {
      leftWins.set(vote.leftModelId, (leftWins.get(vote.leftModelId) ?? 0) + 1);
      for (const model of [vote.leftModelId, vote.rightModelId]) shown.set(model, (shown.get(model) ?? 0) + 1);
    }
    const models = await f.db.model.findMany();
    for (const result of page?.models ?? []) {
      const id = models.find((m) => m.slug === result.slug)?.id as string;
      const n = shown.get(id) ?? 0;
      expect(result.votes).toBe(n);
      if (n === 0) continue;
      // Every vote went to the left clip, and only the left clip was tagged.
      expect(result.winShare.share).toBeCloseTo((leftWins.get(id) ?? 0) / n, 12);
      expect(result.failures.identity_drift?.share).toBeCloseTo((leftWins.get(id) ?? 0) / n, 12);
      expect(result.winShare.ciLow).toBeLessThanOrEqual(result.winShare.share);
      expect(result.winShare.ciHigh).toBeGreaterThanOrEqual(result.winShare.share);
    }
    expect((await listPublishedPrompts(f.db)).map((p) => p.id)).toEqual([promptId]);
  });
});
