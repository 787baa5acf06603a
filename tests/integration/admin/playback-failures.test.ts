import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { battleResponseSchema, quadBattleResponseSchema } from "@/lib/arena/schemas";
import { listPlaybackFailures } from "@/lib/admin/playback-failures";
import { handleSkipBattle } from "@/lib/http/skip-battle-api";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("clips that failed to play on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  test("counts each reported clip over both sides, most reports first, and ignores plain skips", async () => {
    expect(await listPlaybackFailures(f.db)).toEqual([]);
    let cookie: string | undefined;
    const expected = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
      cookie ??= cookieFrom(served);
      const { battleId } = battleResponseSchema.parse(await served.json());
      const side = i % 3 === 0 ? undefined : i % 3 === 1 ? "left" : "right";
      const skipped = await handleSkipBattle(
        f.ctx,
        postJson(`/api/battles/${battleId}/skip`, side ? { playbackFailure: side } : {}, cookie),
        battleId,
      );
      expect(skipped.status).toBe(200);
      if (!side) continue;
      const row = await f.db.battle.findUniqueOrThrow({ where: { id: battleId } });
      const clipId = side === "left" ? row.leftClipId : row.rightClipId;
      expected.set(clipId, (expected.get(clipId) ?? 0) + 1);
    }
    const rows = await listPlaybackFailures(f.db);
    expect(new Map(rows.map((row) => [row.clipId, row.failures]))).toEqual(expected);
    expect(rows.map((row) => row.failures)).toEqual([...rows.map((row) => row.failures)].sort((a, b) => b - a));
    const first = rows[0]!;
    const clip = await f.db.clip.findUniqueOrThrow({ where: { id: first.clipId }, include: { model: true } });
    expect(first).toMatchObject({ promptId: clip.promptId, modelName: clip.model.name });
    expect(first.lastAt).toBeInstanceOf(Date);
  });

  test("a quad's failing side (a to d) counts against the clip shown on that side", async () => {
    const before = new Map((await listPlaybackFailures(f.db, 1000)).map((row) => [row.clipId, row.failures]));
    const expected = new Map(before);
    let cookie: string | undefined;
    for (const side of ["a", "b", "c", "d", "d"] as const) {
      const served = await handleCreateBattle(f.ctx, postJson("/api/battles", { size: 4 }, cookie));
      cookie ??= cookieFrom(served);
      const { battleId } = quadBattleResponseSchema.parse(await served.json());
      const skipped = await handleSkipBattle(
        f.ctx,
        postJson(`/api/battles/${battleId}/skip`, { playbackFailure: side }, cookie),
        battleId,
      );
      expect(skipped.status).toBe(200);
      const row = await f.db.battle.findUniqueOrThrow({ where: { id: battleId } });
      const clipId = { a: row.leftClipId, b: row.rightClipId, c: row.clipCId, d: row.clipDId }[side] as string;
      expected.set(clipId, (expected.get(clipId) ?? 0) + 1);
    }
    const rows = await listPlaybackFailures(f.db, 1000);
    expect(new Map(rows.map((row) => [row.clipId, row.failures]))).toEqual(expected);
  });

  test("a failure reported on a check battle's twin side is not the clip's; one on its original side is", async () => {
    // Every clip gets a twin row (a copy of its rendition) and every battle becomes a check.
    const clips = await f.db.clip.findMany({ select: { id: true, renditionKey: true, renditionFormat: true } });
    const format = "320x240@24/2000ms";
    for (const clip of clips) {
      await f.db.clip.update({ where: { id: clip.id }, data: { renditionFormat: format } });
      await f.db.checkTwin.create({
        data: {
          clipId: clip.id,
          degradation: "blur",
          renditionKey: clip.renditionKey as string,
          renditionFormat: format,
          sizeDonorKey: clip.renditionKey,
        },
      });
    }
    f.ctx.cache.invalidate();
    const every = f.ctx.checkBattleEvery;
    f.ctx.checkBattleEvery = 1;
    const before = new Map((await listPlaybackFailures(f.db, 1000)).map((row) => [row.clipId, row.failures]));
    const expected = new Map(before);
    let cookie: string | undefined;
    const twinSides: string[] = [];
    for (let i = 0; i < 12; i++) {
      const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
      cookie ??= cookieFrom(served);
      const { battleId } = battleResponseSchema.parse(await served.json());
      const row = await f.db.battle.findUniqueOrThrow({ where: { id: battleId } });
      expect(row.checkTwinSide).not.toBeNull();
      expect(row.leftClipId).toBe(row.rightClipId);
      // Half the reports name the twin's side, half the original's.
      const onTwin = i % 2 === 0;
      const original = row.checkTwinSide === "left" ? "right" : "left";
      const side = onTwin ? (row.checkTwinSide as string) : original;
      twinSides.push(row.checkTwinSide as string);
      const skipped = await handleSkipBattle(
        f.ctx,
        postJson(`/api/battles/${battleId}/skip`, { playbackFailure: side }, cookie),
        battleId,
      );
      expect(skipped.status).toBe(200);
      if (!onTwin) expected.set(row.leftClipId, (expected.get(row.leftClipId) ?? 0) + 1);
    }
    // Both sides carried the twin in some battles, so both of the query's cases are exercised.
    expect(new Set(twinSides).size).toBe(2);
    const rows = await listPlaybackFailures(f.db, 1000);
    expect(new Map(rows.map((row) => [row.clipId, row.failures]))).toEqual(expected);
    f.ctx.checkBattleEvery = every;
  });
});
