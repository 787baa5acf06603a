import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { battleResponseSchema } from "@/lib/arena/schemas";
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
});
