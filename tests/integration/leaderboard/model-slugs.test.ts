import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createModel, updateModel } from "@/lib/admin/catalog-edits";
import { planImportText } from "@/lib/import/plan-import";
import { aggregateVotes } from "@/lib/leaderboard/aggregate-votes";
import { viewKey } from "@/lib/leaderboard/leaderboard-query";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("models are keyed by slug on %s", (engine) => {
  let f: ArenaFixture;
  let actorId: string;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    actorId = (
      await f.db.user.create({ data: { email: `ops-${engine}@example.org`, role: "admin", passwordHash: "unused" } })
    ).id;
  });
  afterAll(() => f.close());

  test("a display name that repeats, case, spacing and Unicode form aside, is refused by the operator console", async () => {
    const before = await f.db.model.count();
    for (const name of ["Veo 2", "  veo 2 ", "VEO 2"])
      await expect(
        createModel(f.db, actorId, { slug: "another-veo", name, organisation: "Lab" }),
      ).rejects.toMatchObject({ name: "DomainError", code: "conflict" });
    // "é" composed and decomposed are one name.
    await createModel(f.db, actorId, { slug: "cafe-model", name: "Caf\u00e9", organisation: "Lab" });
    await expect(
      createModel(f.db, actorId, { slug: "cafe-model-2", name: "CAFE\u0301", organisation: "Lab" }),
    ).rejects.toMatchObject({ code: "conflict" });
    const kling = await f.db.model.findUniqueOrThrow({ where: { slug: "kling-1-6" } });
    await expect(updateModel(f.db, f.ctx.cache, actorId, kling.id, { name: "veo 2" })).rejects.toMatchObject({
      code: "conflict",
    });
    // Renaming a model to its own name in another case is no clash.
    await updateModel(f.db, f.ctx.cache, actorId, kling.id, { name: "KLING 1.6" });
    expect(await f.db.model.count()).toBe(before + 1);
  });

  test("a manifest whose model repeats a display name is refused with its line", async () => {
    const text = JSON.stringify(
      {
        models: [
          { slug: "new-a", name: "Hailuo ", organisation: "Lab" },
          { slug: "new-b", name: "Fresh", organisation: "Lab" },
          { slug: "new-c", name: "fresh", organisation: "Lab" },
        ],
        clips: [],
      },
      null,
      2,
    );
    const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const { problems, plan } = await planImportText(f.db, text, "json", { baseDir: "/nonexistent" });
    expect(plan).toBeUndefined();
    expect(problems).toEqual([
      {
        where: `line ${lineOf('"Hailuo "')} (models[0].name)`,
        code: "name_taken",
        params: { model: "hailuo", name: "Hailuo" },
        message: 'the model "hailuo" already has the name "Hailuo" (case aside)',
      },
      {
        where: `line ${lineOf('"fresh"')} (models[2].name)`,
        code: "name_taken",
        params: { model: "new-b", name: "fresh" },
        message: 'the model "new-b" already has the name "fresh" (case aside)',
      },
    ]);
  });

  test("aggregates never merge two slugs, even under one display name", async () => {
    // Written past the checks on purpose: a database from before them may hold such a pair.
    const veo = await f.db.model.findUniqueOrThrow({ where: { slug: "veo-2" }, include: { clips: true } });
    const twin = await f.db.model.create({ data: { slug: "veo-2-twin", name: veo.name, organisation: "Lab" } });
    const clip = veo.clips[0]!;
    const twinClip = await f.db.clip.create({
      data: { ...clip, id: undefined, modelId: twin.id, sourceHash: null, createdAt: undefined },
    });
    const session = await f.db.voterSession.create({ data: { id: `s-${engine}-twin` } });
    for (const [i, outcome] of (["left", "left", "right"] as const).entries()) {
      const battle = await f.db.battle.create({
        data: {
          token: `twin-${engine}-${i}`,
          promptId: clip.promptId,
          leftClipId: clip.id,
          rightClipId: twinClip.id,
          voterSessionId: session.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 60_000),
        },
      });
      await f.ctx.votes.write({
        battleId: battle.id,
        kind: "anonymous",
        promptId: clip.promptId,
        leftModelId: veo.id,
        rightModelId: twin.id,
        voterSessionId: session.id,
        outcome,
        promptLang: null,
        decisionMs: 9000,
        flagged: false,
        flagReason: null,
        createdAt: new Date(),
        tags: [],
      });
    }
    const { cells } = await aggregateVotes(f.db, { battles: "all" });
    const overall = cells.get(viewKey({ category: "overall", lang: "", mode: "" })) ?? [];
    expect(overall).toContainEqual({ modelA: "veo-2", modelB: "veo-2-twin", winsA: 2, winsB: 1, ties: 0, bothBad: 0 });
    expect(overall.every((cell) => cell.modelA !== cell.modelB)).toBe(true);
  });
});
