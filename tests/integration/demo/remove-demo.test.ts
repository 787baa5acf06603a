import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { placeholdersServable } from "@/lib/clip-visibility";
import { hasDemoContent, removeDemo } from "@/lib/demo/remove-demo";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

/** Demo apart: placeholders leave the arena once real clips are live, and demo:remove takes the demo out in one step. */
describe.each(testEngines)("removing the demo on %s", (engine) => {
  let f: ArenaFixture;
  let realPromptId: string;
  let realVoteId: string;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    // Demo votes first, while the demo is all there is.
    const random = seededRandom(5);
    for (let n = 0; n < 12; n += 1)
      await voteAsNewVoter(f, { id: `demo-voter-${n}`, servedAt: new Date(Date.now() - 120_000), random }, () => ({
        outcome: "left",
        tags: { left: ["identity_drift"] },
      }));
    // Real content: a new model and two demo models (same slugs, as a real manifest may use) on a
    // real prompt in a demo category (three models: the least a prompt in the pool has), one vote.
    const kling = await f.db.model.findUniqueOrThrow({ where: { slug: "kling-1-6" } });
    const veo = await f.db.model.findUniqueOrThrow({ where: { slug: "veo-2" } });
    const real = await f.db.model.create({ data: { slug: "real-model", name: "Real", organisation: "Org" } });
    const physics = await f.db.category.findUniqueOrThrow({ where: { slug: "physics" } });
    const prompt = await f.db.prompt.create({
      data: { textEn: "A real prompt", mode: "text_to_video", categories: { create: { categoryId: physics.id } } },
    });
    realPromptId = prompt.id;
    const clip = (modelId: string, n: number) =>
      f.db.clip.create({
        data: {
          promptId: prompt.id,
          modelId,
          storageKey: `real-${n}.mp4`,
          renditionKey: `real-${n}.r.mp4`,
          durationMs: 5000,
          width: 1280,
          height: 720,
          mimeType: "video/mp4",
          promptLang: "en",
        },
      });
    const [left, right] = [await clip(kling.id, 1), await clip(real.id, 2), await clip(veo.id, 3)];
    await f.db.voterSession.create({ data: { id: "real-voter" } });
    const battle = await f.db.battle.create({
      data: {
        token: "real-battle",
        promptId: prompt.id,
        leftClipId: left.id,
        rightClipId: right.id,
        voterSessionId: "real-voter",
        lang: "en",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const vote = await f.db.vote.create({
      data: {
        battleId: battle.id,
        kind: "anonymous",
        promptId: prompt.id,
        leftModelId: kling.id,
        rightModelId: real.id,
        voterSessionId: "real-voter",
        outcome: "right",
        decisionMs: 9000,
      },
    });
    realVoteId = vote.id;
  });
  afterAll(() => f.close());

  test("once a real clip is live the arena serves no placeholder, in any category", async () => {
    expect(await placeholdersServable(f.db)).toBe(false);
    f.ctx.cache.invalidate();
    for (const category of [undefined, "physics", "dance"]) {
      const prompts = await f.ctx.cache.loadServablePrompts(f.db, category);
      const ids = prompts.flatMap((p) => p.clips.map((c) => c.id));
      const placeholders = await f.db.clip.count({ where: { id: { in: ids }, placeholder: true } });
      expect(placeholders, String(category)).toBe(0);
    }
    // The real prompt is all that is left to serve.
    expect((await f.ctx.cache.loadServablePrompts(f.db, undefined)).map((p) => p.id)).toEqual([realPromptId]);
  });

  test("demo:remove takes out the placeholders, their battles and votes, and what is left empty; real content stays", async () => {
    const demoVotes = await f.db.vote.count({ where: { NOT: { id: realVoteId } } });
    expect(demoVotes).toBe(12);
    expect(await hasDemoContent(f.db)).toBe(true);
    const removed = await removeDemo(f.db, f.store);
    expect(removed).toMatchObject({ clips: 42, votes: 12, prompts: 7, models: 4 });
    expect(await hasDemoContent(f.db)).toBe(false);
    expect((await f.db.vote.findMany({ select: { id: true } })).map((v) => v.id)).toEqual([realVoteId]);
    expect(await f.db.voteTag.count()).toBe(0);
    expect((await f.db.prompt.findMany({ select: { id: true } })).map((p) => p.id)).toEqual([realPromptId]);
    expect(
      (await f.db.model.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((m) => m.slug),
    ).toEqual(["kling-1-6", "real-model", "veo-2"]);
    // Demo categories without prompts go; the one the real prompt uses stays.
    expect((await f.db.category.findMany({ select: { slug: true } })).map((c) => c.slug)).toEqual(["physics"]);
    expect(await f.db.ratingSnapshot.count()).toBe(0);
    // A second run finds nothing to remove.
    expect(await removeDemo(f.db, f.store)).toEqual({
      models: 0,
      prompts: 0,
      clips: 0,
      battles: 0,
      votes: 0,
      categories: 0,
    });
  });
});
