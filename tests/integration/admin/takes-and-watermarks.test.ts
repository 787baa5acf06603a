import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as api from "@/lib/http/admin-api";
import { serveBattle } from "@/lib/arena/serve-battle";
import { getArenaStats, getTakesClaim } from "@/lib/catalog/stats";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminContextOf, adminRequest, type SignedIn, signInAs } from "./admin-fixture";

/** First takes only unless an operator allows others per prompt; a watermarked clip is out of every battle. */
describe.each(testEngines)("takes and watermarks on %s", (engine) => {
  let f: ArenaFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    admin = await signInAs(f, "ops@example.org", "admin");
  });
  afterAll(() => f.close());

  const servableClipIds = async () => {
    f.ctx.cache.invalidate();
    return new Set((await f.ctx.cache.loadServablePrompts(f.db, undefined)).flatMap((p) => p.clips.map((c) => c.id)));
  };
  const takes = (id: string, body: object, as: SignedIn | null = admin) =>
    api.handlePromptTakes(
      adminContextOf(f),
      adminRequest("POST", `/api/admin/prompts/${id}/takes`, { as: as ?? undefined, body }),
      id,
    );
  const clipState = (id: string, body: object) =>
    api.handleClipVisibility(
      adminContextOf(f),
      adminRequest("PATCH", `/api/admin/clips/${id}`, { as: admin, body }),
      id,
    );

  test("a clip that is not a first take is not served until its prompt allows other takes; the claim follows", async () => {
    const prompt = await f.db.prompt.findFirstOrThrow({ orderBy: { createdAt: "asc" }, include: { clips: true } });
    const later = prompt.clips.slice(0, 2).map((c) => c.id);
    await f.db.clip.updateMany({ where: { id: { in: later } }, data: { firstTake: false } });
    let servable = await servableClipIds();
    for (const id of later) expect(servable.has(id)).toBe(false);
    expect(await getTakesClaim(f.db)).toBe("first");
    // No battle of many shows a later take.
    const random = seededRandom(3);
    for (let n = 0; n < 40; n += 1) {
      const session = await f.db.voterSession.create({ data: { id: `takes-voter-${engine}-${n}` } });
      const battle = await serveBattle(f.ctx, { voterSessionId: session.id, lang: "en", random });
      const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
      expect(later).not.toContain(row.leftClipId);
      expect(later).not.toContain(row.rightClipId);
    }

    // Bad input changes nothing.
    expect((await takes(prompt.id, { otherTakesAllowed: true, reason: "no first takes recorded" }, null)).status).toBe(
      401,
    );
    expect((await takes(prompt.id, { otherTakesAllowed: true })).status).toBe(400);
    expect((await takes(prompt.id, { otherTakesAllowed: "maybe", reason: "no first takes recorded" })).status).toBe(
      400,
    );
    expect((await takes("c".repeat(25), { otherTakesAllowed: true, reason: "no first takes recorded" })).status).toBe(
      404,
    );
    expect((await f.db.prompt.findUniqueOrThrow({ where: { id: prompt.id } })).otherTakesAllowed).toBe(false);

    const allowed = await takes(prompt.id, { otherTakesAllowed: true, reason: "no first takes recorded" });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ id: prompt.id, otherTakesAllowed: true });
    servable = await servableClipIds();
    for (const id of later) expect(servable.has(id)).toBe(true);
    expect(await getTakesClaim(f.db)).toBe("other");
    expect((await getArenaStats(f.db)).otherTakes).toBe(true);
    expect(await f.db.auditLog.count({ where: { targetId: prompt.id, action: "prompt.allow_other_takes" } })).toBe(1);

    expect((await takes(prompt.id, { otherTakesAllowed: "false", reason: "first takes found" })).status).toBe(200);
    expect(await getTakesClaim(f.db)).toBe("first");
  });

  test("a clip marked watermarked leaves the arena until cleared; bad input changes nothing", async () => {
    const [clip] = [...(await servableClipIds())];
    expect(clip).toBeDefined();
    const id = clip as string;
    expect((await clipState(id, { reason: "nothing said" })).status).toBe(400);
    expect((await clipState(id, { watermarked: "perhaps", reason: "stock watermark" })).status).toBe(400);
    expect((await f.db.clip.findUniqueOrThrow({ where: { id } })).watermarked).toBe(false);

    const marked = await clipState(id, { watermarked: true, reason: "stock watermark, top right" });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ id, hidden: false, watermarked: true });
    expect((await servableClipIds()).has(id)).toBe(false);
    const entry = await f.db.auditLog.findFirstOrThrow({ where: { targetId: id, action: "clip.mark_watermarked" } });
    expect(entry.reason).toBe("stock watermark, top right");

    expect((await clipState(id, { watermarked: "false", reason: "mark was a false alarm" })).status).toBe(200);
    expect((await servableClipIds()).has(id)).toBe(true);
  });
});
