import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadPoolStatus } from "@/lib/admin/prompts";
import { MIN_MODELS_PER_PROMPT } from "@/lib/arena/blind-pool";
import { findBattleClipFile } from "@/lib/arena/media-files";
import { battleResponseSchema } from "@/lib/arena/schemas";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

/** Issue 25, items 2–4, through the arena's HTTP handler on both engines. */
describe.each(testEngines)("the blind pool on %s", (engine) => {
  let f: ArenaFixture;
  let narrow: string; // a prompt left with two models' clips
  let halfSound: string; // a prompt whose clips all have sound but one
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    const prompts = await f.db.prompt.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        clips: { orderBy: { id: "asc" }, select: { id: true, renditionKey: true, durationMs: true } },
      },
    });
    const [first, second] = prompts;
    narrow = first!.id;
    await f.db.clip.updateMany({
      where: { id: { in: first!.clips.slice(2).map((c) => c.id) } },
      data: { hidden: true },
    });
    halfSound = second!.id;
    for (const clip of second!.clips.slice(1)) {
      await f.db.clip.update({
        where: { id: clip.id },
        data: { hasAudio: true, soundRenditionKey: clip.renditionKey },
      });
    }
    // Clip lengths differ within each prompt, so a per-side length would show.
    for (const prompt of prompts) {
      for (const [i, clip] of prompt.clips.entries()) {
        await f.db.clip.update({ where: { id: clip.id }, data: { durationMs: 3000 + 500 * i } });
      }
    }
    f.ctx.cache.invalidate();
  });
  afterAll(() => f.close());

  async function serve(cookie?: string) {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(response.status).toBe(201);
    const text = await response.text();
    const battle = battleResponseSchema.parse(JSON.parse(text));
    const row = await f.db.battle.findUniqueOrThrow({
      where: { id: battle.battleId },
      select: { promptId: true, withSound: true, token: true, leftClipId: true, rightClipId: true },
    });
    return { response, text, battle, row, cookie: cookie ?? cookieFrom(response) };
  }

  test("the battle JSON and headers are the same for both sides but for the slot letter", async () => {
    let cookie: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      const served = await serve(cookie);
      cookie = served.cookie;
      const { battle, row } = served;
      // Strict schema: one length and one sound flag for the battle, nothing else per side.
      expect(Object.keys(battle.left)).toEqual(["clipUrl"]);
      expect(Object.keys(battle.right)).toEqual(["clipUrl"]);
      expect(battle.left.clipUrl.replace(/\/a$/, "/b")).toBe(battle.right.clipUrl);
      const servable = await f.db.clip.findMany({
        where: { promptId: row.promptId, hidden: false, retiredAt: null },
        select: { durationMs: true },
      });
      expect(battle.durationMs).toBe(Math.min(...servable.map((c) => c.durationMs)));
      // No header carries anything about a clip or its model.
      for (const [, value] of served.response.headers) {
        for (const id of [row.leftClipId, row.rightClipId]) expect(value).not.toContain(id);
      }
    }
  });

  test("a prompt with fewer than three models never enters the pool, and the console says why", async () => {
    let cookie: string | undefined;
    for (let i = 0; i < 60; i += 1) {
      const served = await serve(cookie);
      cookie = served.cookie;
      expect(served.row.promptId).not.toBe(narrow);
    }
    const pool = await loadPoolStatus(f.db);
    expect(pool.get(narrow)).toEqual({ reason: "too_few_models", models: 2, needed: MIN_MODELS_PER_PROMPT });
    expect(pool.get(halfSound)).toBeNull();
    expect((await f.ctx.cache.loadServablePrompts(f.db, undefined)).map((p) => p.id)).not.toContain(narrow);
  });

  test("sound plays only when every clip of the prompt has it: the media URLs serve silent renditions otherwise", async () => {
    let cookie: string | undefined;
    let checked = 0;
    for (let i = 0; i < 80 && checked < 3; i += 1) {
      const served = await serve(cookie);
      cookie = served.cookie;
      expect(served.battle.withSound).toBe(false);
      expect(served.row.withSound).toBe(false);
      if (served.row.promptId !== halfSound) continue;
      checked += 1;
      for (const [slot, clipId] of [
        ["a", served.row.leftClipId],
        ["b", served.row.rightClipId],
      ] as const) {
        const clip = await f.db.clip.findUniqueOrThrow({ where: { id: clipId }, select: { renditionKey: true } });
        expect((await findBattleClipFile(f.db, served.row.token, slot))?.storageKey).toBe(clip.renditionKey);
      }
    }
    expect(checked).toBeGreaterThan(0);

    // Once the last clip has sound too, every battle of the prompt plays sound on both sides.
    const silent = await f.db.clip.findFirstOrThrow({
      where: { promptId: halfSound, soundRenditionKey: null },
      select: { id: true, renditionKey: true },
    });
    await f.db.clip.update({
      where: { id: silent.id },
      data: { hasAudio: true, soundRenditionKey: silent.renditionKey },
    });
    f.ctx.cache.invalidate();
    let sounding = 0;
    for (let i = 0; i < 80 && sounding < 2; i += 1) {
      const served = await serve(cookie);
      cookie = served.cookie;
      expect(served.battle.withSound).toBe(served.row.promptId === halfSound);
      if (served.battle.withSound) sounding += 1;
    }
    expect(sounding).toBeGreaterThan(0);
  });
});
