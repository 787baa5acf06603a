import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { battleResponseSchema, voteResponseSchema } from "@/lib/arena/schemas";
import { handleSkipBattle } from "@/lib/http/skip-battle-api";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("skipping battles, sound and the reveal on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  async function newBattle(cookie?: string) {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(response.status).toBe(201);
    return { battle: battleResponseSchema.parse(await response.json()), cookie: cookie ?? cookieFrom(response) };
  }
  const skip = (battleId: string, body: unknown, cookie?: string) =>
    handleSkipBattle(f.ctx, postJson(`/api/battles/${battleId}/skip`, body, cookie), battleId);
  const vote = (battleId: string, cookie: string) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, { outcome: "tie" }, cookie), battleId);
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

  test("a skip records the failed side, is never a vote, and refuses a later vote and skip", async () => {
    const { battle, cookie } = await newBattle();
    const before = await f.countRows();
    const response = await skip(battle.battleId, { playbackFailure: "right" }, cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ skipped: true });
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
    expect(row.skippedAt).toBeInstanceOf(Date);
    expect(row.playbackFailure).toBe("right");

    const late = await vote(battle.battleId, cookie);
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe("battle_skipped");
    const again = await skip(battle.battleId, {}, cookie);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe("battle_skipped");
    expect(await f.countRows()).toEqual(before);
  });

  test("a plain skip reports no failure; a skip after a vote is refused", async () => {
    const { battle, cookie } = await newBattle();
    expect((await skip(battle.battleId, "", cookie)).status).toBe(200);
    expect((await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } })).playbackFailure).toBeNull();

    const voted = await newBattle(cookie);
    expect((await vote(voted.battle.battleId, cookie)).status).toBe(201);
    const response = await skip(voted.battle.battleId, {}, cookie);
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe("already_voted");
    expect((await f.db.battle.findUniqueOrThrow({ where: { id: voted.battle.battleId } })).skippedAt).toBeNull();
  });

  test("a skip and a vote sent together: exactly one of them succeeds, the other is a 409", async () => {
    const { cookie } = await newBattle();
    for (let i = 0; i < 10; i++) {
      const { battle } = await newBattle(cookie);
      // Alternate which request leaves first, so both orders of the race are tried.
      const calls = [
        () => vote(battle.battleId, cookie),
        () => skip(battle.battleId, { playbackFailure: "left" }, cookie),
      ];
      if (i % 2 === 1) calls.reverse();
      const responses = await Promise.all(calls.map((call) => call()));
      const statuses = responses.map((response) => response.status).sort();
      expect([
        [200, 409],
        [201, 409],
      ]).toContainEqual(statuses);
      const row = await f.db.battle.findUniqueOrThrow({
        where: { id: battle.battleId },
        select: { skippedAt: true, playbackFailure: true, vote: { select: { id: true } } },
      });
      // Never both: a battle is either voted (and counted) or skipped.
      expect(row.vote === null).toBe(row.skippedAt !== null);
      expect(row.playbackFailure === null).toBe(row.skippedAt === null);
    }
  });

  test("bad input is a 4xx that changes nothing", async () => {
    const { battle, cookie } = await newBattle();
    const other = await newBattle();
    const cases: [Response, number][] = [
      [await skip(battle.battleId, { playbackFailure: "middle" }, cookie), 400],
      [await skip(battle.battleId, { extra: 1 }, cookie), 400],
      [await skip(battle.battleId, "{not json", cookie), 400],
      [await skip(battle.battleId, {}, other.cookie), 403],
      [await skip(battle.battleId, {}), 403],
      [await skip("no-such-battle", {}, cookie), 404],
      [await skip("a".repeat(25), {}, cookie), 404],
    ];
    expect(cases.map(([response]) => response.status)).toEqual(cases.map(([, status]) => status));
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
    expect(row.skippedAt).toBeNull();
    expect(row.playbackFailure).toBeNull();
  });

  test("skips share the battle limiter", async () => {
    const tight = await createArenaFixture(engine, {
      voter: new RateLimiterMemory({ points: 1, duration: 60 }),
      address: new RateLimiterMemory({ points: 100, duration: 60 }),
    });
    try {
      const served = await handleCreateBattle(tight.ctx, postJson("/api/battles", {}));
      const cookie = cookieFrom(served);
      const { battleId } = battleResponseSchema.parse(await served.json());
      // The first battle came without a cookie, so only the skip spends the voter's one point.
      const call = () => handleSkipBattle(tight.ctx, postJson(`/api/battles/${battleId}/skip`, {}, cookie), battleId);
      expect((await call()).status).toBe(200);
      const limited = await call();
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      await tight.close();
    }
  });

  test("withSound is true exactly when every clip of the prompt has sound, and the reveal names slugs", async () => {
    // Every clip of the first half of the prompts gets a sound rendition, but one clip of the first
    // prompt: a battle there between two clips with sound must stay silent (issue 25, item 3).
    const prompts = await f.db.prompt.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const sounding = prompts.slice(0, Math.ceil(prompts.length / 2)).map((p) => p.id);
    const clips = await f.db.clip.findMany({
      where: { promptId: { in: sounding } },
      select: { id: true, renditionKey: true },
      orderBy: { id: "asc" },
    });
    for (const clip of clips.slice(1)) {
      await f.db.clip.update({
        where: { id: clip.id },
        data: { hasAudio: true, soundRenditionKey: clip.renditionKey },
      });
    }
    f.ctx.cache.invalidate();
    const seen = new Set<boolean>();
    let cookie: string | undefined;
    for (let i = 0; i < 24; i++) {
      const served = await newBattle(cookie);
      cookie = served.cookie;
      const row = await f.db.battle.findUniqueOrThrow({
        where: { id: served.battle.battleId },
        include: {
          leftClip: { include: { model: true } },
          rightClip: { include: { model: true } },
          prompt: { include: { clips: { select: { soundRenditionKey: true } } } },
        },
      });
      const everyClip = row.prompt.clips.every((clip) => clip.soundRenditionKey !== null);
      expect(served.battle.withSound).toBe(everyClip);
      expect(row.withSound).toBe(everyClip);
      seen.add(served.battle.withSound);
      if (i === 0) {
        const result = voteResponseSchema.parse(await (await vote(served.battle.battleId, cookie)).json());
        // (placeholderOnly, whether a model has only demo clips, is tests/unit/placeholder-only.test.ts's.)
        expect(result.models).toMatchObject({
          left: { slug: row.leftClip.model.slug, name: row.leftClip.model.name },
          right: { slug: row.rightClip.model.slug, name: row.rightClip.model.name },
        });
      }
    }
    expect(seen.size).toBe(2);
  });
});
