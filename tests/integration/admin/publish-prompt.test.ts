import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getPublicContext } from "@/lib/http/app-context";
import * as api from "@/lib/http/admin-api";
import { handleCreateNamedBattle } from "@/lib/http/arena-api";
import { serveNamedClip } from "@/lib/http/battle-media";
import { handleModel } from "@/lib/http/catalog-api";
import { loadComparison } from "@/lib/catalog/comparison";
import { type ArenaFixture, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminContextOf, adminRequest, type SignedIn, signInAs } from "./admin-fixture";

/** Named pages are no catalogue of the blind pool: only published prompts' clips are shown or served by id. */
describe.each(testEngines)("publishing prompts on %s", (engine) => {
  let f: ArenaFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    admin = await signInAs(f, "ops@example.org", "admin");
  });
  afterAll(() => f.close());

  const publish = (id: string, body: object, as: SignedIn | null = admin) =>
    api.handlePromptPublication(
      adminContextOf(f),
      adminRequest("POST", `/api/admin/prompts/${id}/publish`, { as: as ?? undefined, body }),
      id,
    );
  const namedClipStatus = async (clipId: string) =>
    (await serveNamedClip({ db: f.db, store: f.store, secret: f.ctx.secret }, new Request("http://localhost/"), clipId))
      .status;
  const modelClips = async (slug: string) =>
    (
      (await (
        await handleModel(getPublicContext(f.db), new Request(`http://localhost/api/models/${slug}`), slug)
      ).json()) as {
        clips: { promptId: string }[];
      }
    ).clips;

  test("bad input changes nothing: no session, no reason, unknown prompt", async () => {
    const prompt = await f.db.prompt.findFirstOrThrow();
    expect((await publish(prompt.id, { published: true, reason: "enough votes" }, null)).status).toBe(401);
    expect((await publish(prompt.id, { published: true })).status).toBe(400);
    expect((await publish(prompt.id, { published: "maybe", reason: "enough votes" })).status).toBe(400);
    expect((await publish("cl000000000000000000000000", { published: true, reason: "enough votes" })).status).toBe(404);
    expect(await f.db.prompt.count({ where: { publishedAt: { not: null } } })).toBe(0);
  });

  test("while in the pool: in the arena, and on no named page, URL or named battle", async () => {
    const clip = await f.db.clip.findFirstOrThrow({ include: { model: true } });
    const servable = await f.ctx.cache.loadServablePrompts(f.db, undefined);
    expect(servable.some((p) => p.id === clip.promptId)).toBe(true);
    expect(await namedClipStatus(clip.id)).toBe(404);
    expect(await modelClips(clip.model.slug)).toEqual([]);
    expect((await loadComparison(f.db, undefined, [])).prompts).toEqual([]);
    const other = await f.db.clip.findFirstOrThrow({
      where: { promptId: clip.promptId, NOT: { modelId: clip.modelId } },
      include: { model: true },
    });
    const named = await handleCreateNamedBattle(
      f.ctx,
      postJson("/api/compare/battles", { promptId: clip.promptId, models: [clip.model.slug, other.model.slug] }),
    );
    expect(named.status).toBe(404);
  });

  test("published (audited): out of the arena, on the named pages; returned: back in the pool", async () => {
    const clip = await f.db.clip.findFirstOrThrow({ include: { model: true } });
    const response = await publish(clip.promptId, { published: true, reason: "enough votes" });
    expect(response.status).toBe(200);
    const { publishedAt } = (await response.json()) as { publishedAt: string };
    // Publishing again keeps the first date.
    expect(
      ((await (await publish(clip.promptId, { published: true, reason: "again" })).json()) as { publishedAt: string })
        .publishedAt,
    ).toBe(publishedAt);
    expect(await f.db.auditLog.count({ where: { action: "prompt.publish", targetId: clip.promptId } })).toBe(2);

    expect((await f.ctx.cache.loadServablePrompts(f.db, undefined)).some((p) => p.id === clip.promptId)).toBe(false);
    expect(await namedClipStatus(clip.id)).toBe(200);
    expect((await modelClips(clip.model.slug)).map((c) => c.promptId)).toEqual([clip.promptId]);
    expect((await loadComparison(f.db, undefined, [])).prompts.map((p) => p.id)).toEqual([clip.promptId]);
    const other = await f.db.clip.findFirstOrThrow({
      where: { promptId: clip.promptId, NOT: { modelId: clip.modelId } },
      include: { model: true },
    });
    const named = await handleCreateNamedBattle(
      f.ctx,
      postJson("/api/compare/battles", { promptId: clip.promptId, models: [clip.model.slug, other.model.slug] }),
    );
    expect(named.status).toBe(201);

    expect((await publish(clip.promptId, { published: false, reason: "published by mistake" })).status).toBe(200);
    expect(await f.db.auditLog.count({ where: { action: "prompt.unpublish", targetId: clip.promptId } })).toBe(1);
    expect((await f.ctx.cache.loadServablePrompts(f.db, undefined)).some((p) => p.id === clip.promptId)).toBe(true);
    expect(await namedClipStatus(clip.id)).toBe(404);
  });
});
