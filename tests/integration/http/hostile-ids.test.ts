import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleVote } from "@/lib/http/arena-api";
import { serveBattleMedia, serveNamedClip, servePromptImage } from "@/lib/http/battle-media";
import { type ArenaFixture, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

// Ids that reach the database unchanged: PostgreSQL refuses a NUL in text (SQLSTATE 22021).
const HOSTILE_IDS = [
  ["a NUL inside", "a\0b"],
  ["only a NUL", "\0"],
  ["5,000 characters", "x".repeat(5_000)],
  ["a replacement character", "中\uFFFD"],
  ["SQL", "' OR 1=1 --"],
];

describe.each(testEngines)("hostile ids on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  test.each(HOSTILE_IDS)("%s is a 4xx in the error shape on every media responder and the vote", async (_, id) => {
    const before = await f.countRows();
    const request = () => new Request("http://localhost/media/x");
    const responses = [
      await serveNamedClip({ db: f.db, store: f.store, secret: f.ctx.secret }, request(), id),
      await servePromptImage({ db: f.db, store: f.store }, request(), id),
      await serveBattleMedia({ db: f.db, store: f.store, secret: f.ctx.secret }, request(), id, "a"),
      await handleVote(f.ctx, postJson("http://localhost/api/battles/x/vote", { outcome: "left" }), id),
    ];
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      if (response.headers.get("content-type")?.includes("json"))
        expect(await response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(await f.countRows()).toEqual(before);
  });
});
