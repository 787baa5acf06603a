import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { serveBattleMedia } from "@/lib/http/battle-media";
import { battleResponseSchema } from "@/lib/arena/schemas";
import { ArenaCache } from "@/lib/arena/arena-cache";
import { createArenaStore } from "@/lib/arena/arena-store";
import { BATTLE_TTL_MS } from "@/lib/arena/serve-battle";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("arena API on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  async function newBattle(cookie?: string, body: unknown = {}) {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", body, cookie));
    expect(response.status).toBe(201);
    const battle = battleResponseSchema.parse(await response.json());
    return { battle, cookie: cookie ?? cookieFrom(response) };
  }
  const vote = (battleId: string, body: unknown, cookie?: string) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, body, cookie), battleId);

  test("serves a blind battle of two models on one prompt and sets a signed HttpOnly cookie", async () => {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", { lang: "zh" }));
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie")).toMatch(
      /^ca_voter=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    const text = await response.text();
    const battle = battleResponseSchema.parse(JSON.parse(text));
    const row = await f.db.battle.findUniqueOrThrow({
      where: { id: battle.battleId },
      include: { leftClip: { include: { model: true } }, rightClip: { include: { model: true } } },
    });
    expect(row.leftClip.promptId).toBe(row.rightClip.promptId);
    expect(row.leftClip.modelId).not.toBe(row.rightClip.modelId);
    // Nothing in the body names a model or a clip.
    for (const model of await f.db.model.findMany()) {
      for (const secret of [model.name, model.slug, model.id, model.organisation]) expect(text).not.toContain(secret);
    }
    for (const clip of [row.leftClip, row.rightClip]) expect(text).not.toContain(clip.id);
    expect(battle.left.clipUrl).toBe(`/media/${row.token}/a`);
    expect(battle.prompt.text).toMatch(/[\u4e00-\u9fff]/);
  });

  test("a vote is accepted once, reveals the models and stores tags", async () => {
    const { battle, cookie } = await newBattle();
    const response = await vote(
      battle.battleId,
      { outcome: "left", tags: { right: ["physics_violation", "interpenetration"] } },
      cookie,
    );
    expect(response.status).toBe(201);
    const result = (await response.json()) as {
      reveal: { left: string; right: string };
      models: Record<"left" | "right", { placeholderOnly: boolean }>;
      flagged: boolean;
    };
    // The demo's models have only placeholder clips: the reveal says so.
    expect(result.models.left.placeholderOnly).toBe(true);
    expect(result.models.right.placeholderOnly).toBe(true);
    const row = await f.db.battle.findUniqueOrThrow({
      where: { id: battle.battleId },
      include: {
        leftClip: { include: { model: true } },
        rightClip: { include: { model: true } },
        vote: { include: { tags: true } },
      },
    });
    expect(result.reveal).toEqual({ left: row.leftClip.model.name, right: row.rightClip.model.name });
    // Voted at once: sooner than either clip could play, so flagged but kept.
    expect(result.flagged).toBe(true);
    expect(row.vote).toMatchObject({
      outcome: "left",
      flagged: true,
      flagReason: "too_fast",
      leftModelId: row.leftClip.modelId,
    });
    expect(row.vote?.tags.map((t) => `${t.side}:${t.tag}`).sort()).toEqual([
      "right:interpenetration",
      "right:physics_violation",
    ]);

    const before = await f.countRows();
    const again = await vote(battle.battleId, { outcome: "right" }, cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: "already_voted", message: expect.any(String) } });
    expect(await f.countRows()).toEqual(before);
  });

  test("votes arriving together are written together, one per battle, with only the winner's tags", async () => {
    const battles = await Promise.all(Array.from({ length: 8 }, () => newBattle()));
    const before = await f.countRows();
    // Three votes per battle in the same turn: one tagged, two not; whichever lands first wins.
    const responses = await Promise.all(
      battles.flatMap(({ battle, cookie }) => [
        vote(battle.battleId, { outcome: "left", tags: { left: ["blurry_low_detail"] } }, cookie),
        vote(battle.battleId, { outcome: "right" }, cookie),
        vote(battle.battleId, { outcome: "tie" }, cookie),
      ]),
    );
    const statuses = responses.map((response) => response.status);
    for (let i = 0; i < battles.length; i += 1) {
      expect(statuses.slice(3 * i, 3 * i + 3).sort()).toEqual([201, 409, 409]);
    }
    const after = await f.countRows();
    expect(after.votes - before.votes).toBe(battles.length);
    const stored = await f.db.vote.findMany({
      where: { battleId: { in: battles.map(({ battle }) => battle.battleId) } },
      include: { tags: true },
    });
    for (const row of stored) expect(row.tags.length).toBe(row.outcome === "left" ? 1 : 0);
    expect(after.tags - before.tags).toBe(stored.filter((row) => row.outcome === "left").length);
  });

  test("a battle this process did not serve is voted on from its row", async () => {
    const { battle, cookie } = await servedAgo(60_000, () => newBattle());
    // Another instance: same database, none of this one's memory.
    const elsewhere = { ...f.ctx, ...createArenaStore(f.db, new ArenaCache()) };
    const response = await handleVote(
      elsewhere,
      postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "right" }, cookie),
      battle.battleId,
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { flagged: boolean }).flagged).toBe(false);
    expect((await vote(battle.battleId, { outcome: "left" }, cookie)).status).toBe(409);
  });

  test("a vote after the shorter clip's duration is not flagged", async () => {
    // Every demo clip is shorter than a minute.
    const { battle, cookie } = await servedAgo(60_000, () => newBattle());
    expect(battle.durationMs).toBeLessThan(60_000);
    const response = await vote(battle.battleId, { outcome: "tie" }, cookie);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { flagged: boolean }).flagged).toBe(false);
  });

  test("rejections answer their status and write nothing", async () => {
    const { battle, cookie } = await newBattle();
    const other = await newBattle();
    const expired = await servedAgo(BATTLE_TTL_MS + 1000, () => newBattle(cookie));
    const before = await f.countRows();

    const cases: [Promise<Response>, number, string][] = [
      [vote(battle.battleId, { outcome: "left" }, other.cookie), 403, "not_your_battle"],
      [vote(battle.battleId, { outcome: "left" }), 403, "not_your_battle"],
      [vote(battle.battleId, { outcome: "left" }, "ca_voter=forged.signature"), 403, "not_your_battle"],
      [vote("cunknownbattle0000000000", { outcome: "left" }, cookie), 404, "battle_not_found"],
      [vote("../../etc", { outcome: "left" }, cookie), 404, "battle_not_found"],
      [vote(expired.battle.battleId, { outcome: "left" }, cookie), 410, "battle_expired"],
      [vote(battle.battleId, { outcome: "maybe" }, cookie), 400, "invalid_request"],
      [vote(battle.battleId, { outcome: "left", tags: { left: ["made_up"] } }, cookie), 400, "invalid_request"],
      [vote(battle.battleId, { outcome: "left", extra: 1 }, cookie), 400, "invalid_request"],
      [vote(battle.battleId, "{not json", cookie), 400, "invalid_json"],
      [
        vote(battle.battleId, JSON.stringify({ outcome: "left", pad: "x".repeat(5000) }), cookie),
        413,
        "body_too_large",
      ],
      [
        handleCreateBattle(f.ctx, postJson("/api/battles", { category: "underwater-basket" }, cookie)),
        404,
        "unknown_category",
      ],
      [handleCreateBattle(f.ctx, postJson("/api/battles", { lang: "fr" }, cookie)), 400, "invalid_request"],
      [handleCreateBattle(f.ctx, postJson("/api/battles", "[]", cookie)), 400, "invalid_request"],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect({
        status: response.status,
        code: ((await response.json()) as { error: { code: string } }).error.code,
      }).toEqual({ status, code });
    }
    expect(await f.countRows()).toEqual(before);
  });

  test("a category keeps battles to its prompts", async () => {
    const { cookie } = await newBattle();
    for (let i = 0; i < 5; i += 1) {
      const { battle } = await newBattle(cookie, { category: "dance" });
      const row = await f.db.battle.findUniqueOrThrow({
        where: { id: battle.battleId },
        select: { prompt: { select: { categories: { select: { category: { select: { slug: true } } } } } } },
      });
      expect(row.prompt.categories.map((c) => c.category.slug)).toContain("dance");
    }
  });

  test("media is served by opaque URL with Range support and no cross-battle validators", async () => {
    const { battle } = await newBattle();
    const token = battle.left.clipUrl.split("/")[2] as string;
    const full = await serveBattleMedia(
      { db: f.db, store: f.store, secret: f.ctx.secret },
      new Request(`http://localhost${battle.left.clipUrl}`),
      token,
      "a",
    );
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("video/mp4");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(full.headers.get("etag")).toBeNull();
    expect(full.headers.get("last-modified")).toBeNull();
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(bytes.length).toBe(Number(full.headers.get("content-length")));

    const part = await serveBattleMedia(
      { db: f.db, store: f.store, secret: f.ctx.secret },
      new Request("http://localhost/", { headers: { range: "bytes=10-19" } }),
      token,
      "a",
    );
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 20));

    const tooFar = await serveBattleMedia(
      { db: f.db, store: f.store, secret: f.ctx.secret },
      new Request("http://localhost/", { headers: { range: `bytes=${bytes.length}-` } }),
      token,
      "a",
    );
    expect(tooFar.status).toBe(416);
    expect(tooFar.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    expect(((await tooFar.json()) as { error: { code: string } }).error.code).toBe("range_not_satisfiable");

    // No ETag or Last-Modified is sent, so no If-Range can match: the Range is ignored (RFC 9110 §13.1.5).
    const conditional = await serveBattleMedia(
      { db: f.db, store: f.store, secret: f.ctx.secret },
      new Request("http://localhost/", { headers: { range: "bytes=10-19", "if-range": '"some-etag"' } }),
      token,
      "a",
    );
    expect(conditional.status).toBe(200);
    expect(new Uint8Array(await conditional.arrayBuffer())).toEqual(bytes);
    expect(
      (
        await serveBattleMedia(
          { db: f.db, store: f.store, secret: f.ctx.secret },
          new Request("http://localhost/"),
          "nope",
          "a",
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await serveBattleMedia(
          { db: f.db, store: f.store, secret: f.ctx.secret },
          new Request("http://localhost/"),
          token,
          "c",
        )
      ).status,
    ).toBe(404);
  });
});

describe.each(testEngines)("arena rate limits on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine, {
      voter: new RateLimiterMemory({ points: 2, duration: 60 }),
      address: new RateLimiterMemory({ points: 100, duration: 60 }),
    });
  });
  afterAll(() => f.close());

  test("a voter over the limit gets 429 with Retry-After and nothing is written", async () => {
    const first = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    const cookie = cookieFrom(first);
    expect((await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie))).status).toBe(201);
    expect((await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie))).status).toBe(201);
    const before = await f.countRows();
    const limited = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await f.countRows()).toEqual(before);
  });
});
