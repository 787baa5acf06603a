import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as adminApi from "@/lib/http/admin-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { CLIENT_ADDRESS_HEADER, declareAddressStamping } from "@/lib/http/request-info";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { deliveryFormatOf } from "@/lib/media/delivery-format";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { adminContextOf, adminRequest, type SignedIn, signInAs } from "../admin/admin-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 42, includeFlagged: false, burstVotesPerMinute: 60 };
declareAddressStamping();
const get = (path: string) =>
  new Request(`http://localhost${path}`, { headers: { [CLIENT_ADDRESS_HEADER]: "2001:db8::34" } });
const GOOD = {
  kind: "price_per_second",
  value: 0.5,
  currency: "USD",
  effectiveDate: "2026-01-15",
  sourceUrl: "https://example.org/pricing",
};

describe.each(testEngines)("model prices and cost per usable clip on %s", (engine) => {
  let f: ArenaFixture;
  let admin: SignedIn;
  const facts = (id: string, body: object) =>
    adminApi.handleAddModelFact(
      adminContextOf(f),
      adminRequest("POST", `/api/admin/models/${id}/facts`, { as: admin, body }),
      id,
    );

  /** `n` counted votes between the first clips of two models on one prompt, with an outcome and tags on A's clip. */
  async function addVotes(
    left: string,
    right: string,
    outcome: "left" | "right" | "both_bad",
    n: number,
    tagsA: string[] = [],
  ) {
    const [a, b] = await Promise.all([
      f.db.model.findUniqueOrThrow({ where: { slug: left } }),
      f.db.model.findUniqueOrThrow({ where: { slug: right } }),
    ]);
    const clipA = await f.db.clip.findFirstOrThrow({ where: { modelId: a.id }, orderBy: { id: "asc" } });
    const clipB = await f.db.clip.findFirstOrThrow({ where: { modelId: b.id, promptId: clipA.promptId } });
    for (let i = 0; i < n; i += 1) {
      const session = await f.db.voterSession.create({ data: { id: `p-${Math.random().toString(36).slice(2)}` } });
      const battle = await f.db.battle.create({
        data: {
          token: `t-${Math.random().toString(36).slice(2)}`,
          promptId: clipA.promptId,
          leftClipId: clipA.id,
          rightClipId: clipB.id,
          voterSessionId: session.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 60_000),
        },
      });
      await f.ctx.votes.write({
        battleId: battle.id,
        kind: "anonymous",
        promptId: clipA.promptId,
        leftModelId: a.id,
        rightModelId: b.id,
        voterSessionId: session.id,
        outcome,
        promptLang: null,
        decisionMs: 9000,
        flagged: false,
        flagReason: null,
        createdAt: new Date(),
        tags: tagsA.map((tag) => ({ side: "left" as const, tag })),
      });
    }
    return clipA.promptId;
  }

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    admin = await signInAs(f, "prices@example.org", "admin");
    getLeaderboardCache().forget();
  });
  afterAll(() => f.close());

  test("bad facts are a 400 naming the field, and nothing is written", async () => {
    const model = await f.db.model.findFirstOrThrow({ orderBy: { slug: "asc" } });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const cases: [object, string][] = [
      [{ ...GOOD, value: -0.1 }, "value"],
      [{ ...GOOD, currency: "EUR" }, "currency"],
      [{ ...GOOD, sourceUrl: "ftp://example.org/pricing" }, "sourceUrl"],
      [{ ...GOOD, sourceUrl: "javascript:alert(1)" }, "sourceUrl"],
      [{ ...GOOD, effectiveDate: tomorrow }, "effectiveDate"],
      [{ ...GOOD, kind: "generation_seconds", value: -3, currency: undefined }, "value"],
      [{ ...GOOD, kind: "generation_seconds" }, "currency"],
    ];
    for (const [body, field] of cases) {
      const response = await facts(model.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe("invalid_request");
      expect(answer.error.message.startsWith(`${field}:`), answer.error.message).toBe(true);
    }
    expect(await f.db.modelFact.count()).toBe(0);
    expect((await facts("c".repeat(25), GOOD)).status).toBe(404);
  });

  test("a price change keeps the old price; the board shows the one in force, usable share and cost per usable clip", async () => {
    const [a, b, c] = await f.db.model.findMany({ orderBy: { slug: "asc" }, take: 3 });
    if (!a || !b || !c) throw new Error("the demo catalog has at least three models");
    expect((await facts(a.id, { ...GOOD, value: 0.8, effectiveDate: "2025-06-01" })).status).toBe(201);
    expect((await facts(a.id, GOOD)).status).toBe(201);
    expect(
      (
        await facts(a.id, {
          kind: "generation_seconds",
          value: 95,
          effectiveDate: "2026-01-10",
          sourceUrl: "http://example.org/speed",
        })
      ).status,
    ).toBe(201);
    const history = await adminApi.handleListModelFacts(
      adminContextOf(f),
      adminRequest("GET", `/api/admin/models/${a.id}/facts`, { as: admin }),
      a.id,
    );
    expect(((await history.json()) as { facts: { value: number }[] }).facts.map((x) => x.value)).toEqual([
      0.5, 95, 0.8,
    ]);

    // A: 20 shown; 4 "both bad", 3 tagged (one tag each), 1 tagged twice → 12 usable.
    const promptId = await addVotes(a.slug, b.slug, "left", 12);
    await addVotes(a.slug, b.slug, "both_bad", 4);
    await addVotes(a.slug, b.slug, "right", 3, ["physics_violation"]);
    await addVotes(a.slug, b.slug, "right", 1, ["physics_violation", "identity_drift"]);
    // A tag on a "both bad" battle does not make a second unusable count.
    await addVotes(a.slug, c.slug, "both_bad", 2, ["identity_drift"]);
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();

    const response = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"));
    expect(response.status).toBe(200);
    const board = leaderboardResponseSchema.parse(await response.json());
    const rowA = board.rows.find((r) => r.slug === a.slug);
    const rowC = board.rows.find((r) => r.slug === c.slug);
    if (!rowA || !rowC) throw new Error("both models are on the board");
    const share = wilsonInterval(12, 22);
    const prompt = await f.db.prompt.findUniqueOrThrow({
      where: { id: promptId },
      include: { clips: { where: { retiredAt: null } } },
    });
    const clipUsd = 0.5 * (deliveryFormatOf(prompt.clips, prompt.deliveryLengthMs).lengthMs / 1000);
    expect(rowA).toMatchObject({
      pricePerSecondUsd: 0.5,
      priceDate: "2026-01-15",
      priceSource: "https://example.org/pricing",
      generationSeconds: 95,
      shown: 22,
      usableShare: share.share,
      usableCiLow: share.ciLow,
      usableCiHigh: share.ciHigh,
    });
    expect(rowA.costPerUsableClipUsd).toBeCloseTo(clipUsd / share.share, 9);
    expect(rowA.costCiLow).toBeCloseTo(clipUsd / share.ciHigh, 9);
    expect(rowA.costCiHigh).toBeCloseTo(clipUsd / share.ciLow, 9);
    // C has no price: its price and cost are blank (null), never 0; its usable share is still known (0 of 2).
    expect(rowC).toMatchObject({
      pricePerSecondUsd: null,
      generationSeconds: null,
      costPerUsableClipUsd: null,
      shown: 2,
      usableShare: 0,
    });
  });
});
