import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as api from "@/lib/http/admin-api";
import { loadDeliveryLength, RENDER_COMMAND } from "@/lib/admin/delivery-length";
import { formatKeyOf, deliveryFormatOf } from "@/lib/media/delivery-format";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminContextOf, adminRequest, type SignedIn, signInAs } from "./admin-fixture";

/** An operator's delivery length: recorded and audited, never rendered on the request; the answer says what to run. */
describe.each(testEngines)("a prompt's delivery length on %s", (engine) => {
  let f: ArenaFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    admin = await signInAs(f, "lengths@example.org", "admin");
  });
  afterAll(() => f.close());

  const setLength = (id: string, body: object, as: SignedIn | null = admin) =>
    api.handlePromptDeliveryLength(
      adminContextOf(f),
      adminRequest("POST", `/api/admin/prompts/${id}/delivery-length`, { as: as ?? undefined, body }),
      id,
    );

  test("bad input writes nothing; a new length is saved, audited, and the clips to re-render are counted", async () => {
    const prompt = await f.db.prompt.findFirstOrThrow({ orderBy: { createdAt: "asc" }, include: { clips: true } });
    // Real clips of different lengths, rendered to the prompt's current format (the shortest).
    const lengths = prompt.clips.map((_, i) => 3000 + 1000 * i);
    for (const [i, clip] of prompt.clips.entries())
      await f.db.clip.update({ where: { id: clip.id }, data: { durationMs: lengths[i], placeholder: false } });
    const clips = await f.db.clip.findMany({ where: { promptId: prompt.id } });
    const current = formatKeyOf(deliveryFormatOf(clips, null));
    await f.db.clip.updateMany({ where: { promptId: prompt.id }, data: { renditionFormat: current } });
    expect(await loadDeliveryLength(f.db, prompt.id)).toMatchObject({ chosenMs: null, lengthMs: 3000, toRender: 0 });
    const audits = await f.db.auditLog.count();

    expect((await setLength(prompt.id, { deliveryLengthMs: 5000, reason: "let them play" }, null)).status).toBe(401);
    expect((await setLength(prompt.id, { deliveryLengthMs: 5000 })).status).toBe(400);
    for (const deliveryLengthMs of [100, "five", 1.5, 700_000]) {
      const response = await setLength(prompt.id, { deliveryLengthMs, reason: "let them play" });
      expect(response.status, String(deliveryLengthMs)).toBe(400);
      const { error } = (await response.json()) as { error: { field?: string } };
      expect(error.field).toBe("deliveryLengthMs");
    }
    expect((await setLength("c".repeat(25), { deliveryLengthMs: 5000, reason: "let them play" })).status).toBe(404);
    expect((await f.db.prompt.findUniqueOrThrow({ where: { id: prompt.id } })).deliveryLengthMs).toBeNull();
    expect(await f.db.auditLog.count()).toBe(audits);

    const saved = await setLength(prompt.id, { deliveryLengthMs: 5000, reason: "let them play" });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      id: prompt.id,
      deliveryLengthMs: 5000,
      toRender: clips.length,
      command: RENDER_COMMAND,
    });
    expect(await loadDeliveryLength(f.db, prompt.id)).toMatchObject({ chosenMs: 5000, lengthMs: 5000 });
    expect(
      await f.db.auditLog.findFirst({ where: { action: "prompt.delivery_length", targetId: prompt.id } }),
    ).toMatchObject({
      reason: "let them play",
    });
    // Nothing was rendered: the clips keep their renditions until `npm run media:renditions`.
    expect((await f.db.clip.findMany({ where: { promptId: prompt.id } })).map((c) => c.renditionFormat)).toEqual(
      clips.map(() => current),
    );

    // Back to the shortest clip: the renditions already are that format.
    const back = await setLength(prompt.id, { deliveryLengthMs: "", reason: "back to the shortest" });
    expect(await back.json()).toMatchObject({ deliveryLengthMs: null, toRender: 0, command: null });
  });
});
