import fc from "fast-check";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/arena/arena-api";
import { handleCategories, handleModel, handleModels } from "@/lib/catalog/catalog-api";
import { handleExportVotes } from "@/lib/export/export-api";
import { handleLeaderboard } from "@/lib/leaderboard/leaderboard-api";
import { type ArenaFixture, cookieFrom, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const RUNS = 400;

/** Bodies a client might send: valid-looking fields with wrong types and values, junk, huge strings. */
const bodyArb = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc
    .record(
      {
        outcome: fc.oneof(fc.constantFrom("left", "right", "tie", "both_bad", "LEFT", ""), fc.anything()),
        tags: fc.oneof(
          fc.record({ left: fc.array(fc.string(), { maxLength: 12 }), right: fc.anything() }),
          fc.anything(),
        ),
        category: fc.oneof(fc.constantFrom("physics", "dance", "../x", "Physics", ""), fc.anything()),
        lang: fc.oneof(fc.constantFrom("zh", "en", "fr"), fc.anything()),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ minLength: 4000, maxLength: 6000 }),
);
const queryArb = fc.dictionary(
  fc.oneof(fc.constantFrom("category", "method", "lang", "mode", "period", "from", "to"), fc.string({ maxLength: 8 })),
  fc.oneof(
    fc.constantFrom("overall", "physics", "bt", "elo", "zh", "image_to_video", "7d", "", "%", "\u0000"),
    fc.string({ maxLength: 40 }),
  ),
  { maxKeys: 5 },
);
const headersArb = fc.dictionary(
  fc.constantFrom("content-type", "cookie", "x-forwarded-for", "if-none-match", "content-length"),
  fc.string({ maxLength: 60 }).filter((v) => /^[\t\x20-\x7e]*$/.test(v)),
  { maxKeys: 4 },
);

function expectErrorShape(status: number, body: string): void {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    const parsed = JSON.parse(body) as { error: { code: unknown; message: unknown } };
    expect(typeof parsed.error.code).toBe("string");
    expect(typeof parsed.error.message).toBe("string");
  }
}

describe.each(testEngines)("fuzzing the public endpoints on %s", (engine) => {
  let f: ArenaFixture;
  let cookie: string;
  let battleId: string;
  let exportContext: Parameters<typeof handleExportVotes>[0];
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    exportContext = {
      db: f.db,
      secret: f.ctx.secret,
      limiter: new RateLimiterMemory({ points: 100_000, duration: 60 }),
      keyRequiredAboveRows: 0,
    };
    const first = await handleCreateBattle(
      f.ctx,
      new Request("http://localhost/api/battles", { method: "POST", body: "{}" }),
    );
    cookie = cookieFrom(first);
    battleId = ((await first.json()) as { battleId: string }).battleId;
  });
  afterAll(() => f.close());

  test("random bodies and headers on the arena endpoints: no 5xx, one error shape, a rejection writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, headersArb, fc.boolean(), async (body, headers, withCookie) => {
        const init = { method: "POST", body, headers: { ...headers, ...(withCookie ? { cookie } : {}) } };
        for (const call of [
          () => handleVote(f.ctx, new Request(`http://localhost/api/battles/${battleId}/vote`, init), battleId),
          () => handleCreateBattle(f.ctx, new Request("http://localhost/api/battles", init)),
        ]) {
          const before = await f.countRows();
          const response = await call();
          const text = await response.text();
          expectErrorShape(response.status, text);
          if (response.status >= 400) expect(await f.countRows()).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("random query strings and headers on the read and export endpoints: no 5xx, one error shape", async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, headersArb, fc.string({ maxLength: 30 }), async (query, headers, slug) => {
        const search = new URLSearchParams(query).toString();
        for (const call of [
          () => handleLeaderboard(f.db, new Request(`http://localhost/api/leaderboard?${search}`, { headers })),
          () => handleCategories(f.db, new Request(`http://localhost/api/categories?${search}`, { headers })),
          () => handleModels(f.db, new Request(`http://localhost/api/models?${search}`, { headers })),
          () => handleModel(f.db, new Request(`http://localhost/api/models/x?${search}`, { headers }), slug),
          () =>
            handleExportVotes(exportContext, new Request(`http://localhost/api/export/votes?${search}`, { headers })),
        ]) {
          const response = await call();
          expectErrorShape(response.status, await response.text());
        }
      }),
      { numRuns: RUNS },
    );
  });
});
