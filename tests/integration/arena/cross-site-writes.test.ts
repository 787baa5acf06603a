import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { battleResponseSchema } from "@/lib/arena/schemas";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("cross-site voter writes on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  test("a cross-origin text/plain vote carrying the voter's cookie is refused and stores nothing", async () => {
    const served = await handleCreateBattle(
      f.ctx,
      postJson("/api/battles", {}, undefined, { "sec-fetch-site": "same-origin" }),
    );
    expect(served.status).toBe(201);
    const cookie = cookieFrom(served);
    const { battleId } = battleResponseSchema.parse(await served.json());
    const before = await f.countRows();
    const attempts: Record<string, string>[] = [
      { "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { "content-type": "text/plain" },
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      const response = await handleVote(
        f.ctx,
        postJson(`/api/battles/${battleId}/vote`, { outcome: "left" }, cookie, headers),
        battleId,
      );
      expect([403, 415]).toContain(response.status);
      expect(await response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    const crossSiteBattle = await handleCreateBattle(
      f.ctx,
      postJson("/api/battles", {}, cookie, { origin: "https://evil.example" }),
    );
    expect(crossSiteBattle.status).toBe(403);
    expect(await f.countRows()).toEqual(before);
    // The page's own request still works.
    const own = await handleVote(
      f.ctx,
      postJson(`/api/battles/${battleId}/vote`, { outcome: "left" }, cookie, { "sec-fetch-site": "same-origin" }),
      battleId,
    );
    expect(own.status).toBe(201);
  });
});
