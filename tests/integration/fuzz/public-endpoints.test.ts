import fc from "fast-check";
import { getPublicContext } from "@/lib/http/app-context";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { FAILURE_TAGS } from "@/lib/arena/failure-tags";
import type { VoteBody } from "@/lib/arena/schemas";
import { VOTER_COOKIE } from "@/lib/arena/voter-session";
import { handleCategories, handleModel, handleModels } from "@/lib/http/catalog-api";
import { handleExportVotes } from "@/lib/http/export-api";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { type ArenaFixture, cookieFrom, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

/** Requests per endpoint and engine. */
const RUNS = 2_000;

type Rows = Awaited<ReturnType<ArenaFixture["countRows"]>>;

// Header values a Request accepts: visible ASCII, spaces and tabs (anything else throws in the constructor).
const headerValueArb = fc.oneof(
  fc.string({ maxLength: 80 }).filter((v) => /^[\t\x20-\x7e]*$/.test(v)),
  fc.constantFrom("application/json", "text/plain", "", "-1", "99999999", "1e400", "NaN", "::1", "a, b, c"),
);
const headersArb = fc.dictionary(
  fc.oneof(
    fc.constantFrom("content-type", "content-length", "x-forwarded-for", "x-real-ip", "if-none-match", "accept"),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  ),
  headerValueArb,
  { maxKeys: 5 },
);

const tagsArb = fc.oneof(
  fc.subarray([...FAILURE_TAGS]),
  fc.array(fc.oneof(fc.constantFrom(...FAILURE_TAGS), fc.string({ maxLength: 20 })), { maxLength: 20 }),
  fc.anything(),
);
/** Objects near the real schemas: right and wrong field names, types and values. */
const nearValidArb = fc.record(
  {
    outcome: fc.oneof(fc.constantFrom("left", "right", "tie", "both_bad", "LEFT", "", "a"), fc.anything()),
    tags: fc.oneof(fc.record({ left: tagsArb, right: tagsArb }, { requiredKeys: [] }), fc.anything()),
    category: fc.oneof(fc.constantFrom("physics", "dance", "action", "../x", "Physics", "-", ""), fc.anything()),
    lang: fc.oneof(fc.constantFrom("zh", "en", "fr", "EN"), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
/** Bodies: valid ones (so accepted paths are exercised too), near misses, any JSON, junk, oversize. */
const bodyArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom("", "{}", '{"lang":"en"}', '{"category":"physics","lang":"zh"}') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('{"outcome":"left"}', '{"outcome":"tie","tags":{"left":["physics_violation"]}}'),
  },
  { weight: 4, arbitrary: nearValidArb.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200, unit: "binary" }) },
  { weight: 1, arbitrary: fc.constantFrom("null", "[]", "0", '"x"', "{", '{"lang":"en"', "\u0000", "\uFEFF{}") },
  { weight: 1, arbitrary: fc.integer({ min: 4_000, max: 5_000 }).map((n) => JSON.stringify({ lang: "x".repeat(n) })) },
);

/** Query strings, raw: known keys and values, junk keys, repeats, stray and broken percent escapes. */
const queryArb = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("category", "method", "lang", "mode", "period", "from", "to", "slug"),
        fc.string({ maxLength: 8 }),
      ),
      fc.oneof(
        fc.constantFrom("overall", "physics", "bt", "elo", "zh", "en", "image_to_video", "7d", "30d", "all"),
        fc.constantFrom("", "%", "%zz", "%E0%A4%A", "%00", "+", "a=b", "2024-01-01", "-1"),
        fc.string({ maxLength: 40, unit: "grapheme" }),
      ),
    ),
    { maxLength: 6 },
  )
  .map((pairs) =>
    pairs.map(([key, value]) => `${encodeURIComponent(key)}=${/%/.test(value) ? value : encodeURIComponent(value)}`),
  )
  .map((parts) => parts.join("&"));

/** A 2xx, a 304 to a conditional GET, or an error in the API's one shape; never a 5xx. */
async function expectWellFormed(response: Response, headers: Record<string, string>): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.status < 300) return;
  if (response.status === 304) {
    expect(headers["if-none-match"]).toBeDefined();
    expect(text).toBe("");
    return;
  }
  const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(parsed)).toEqual(["error"]);
  expect(typeof parsed.error?.code).toBe("string");
  expect(typeof parsed.error?.message).toBe("string");
}

function rowDelta(before: Rows, after: Rows): Rows {
  return {
    sessions: after.sessions - before.sessions,
    battles: after.battles - before.battles,
    votes: after.votes - before.votes,
    tags: after.tags - before.tags,
  };
}

/** What a page's own voter writes carry (lib/http/voter-write-guard.ts). */
const JSON_TYPE = { "content-type": "application/json" };

/** The export's rate limit is not what is fuzzed here. */
const generousLimiter = new RateLimiterMemory({ points: 1_000_000, duration: 60 });

describe.each(testEngines)("fuzzing the public endpoints on %s", (engine) => {
  let f: ArenaFixture;
  /** A voter's cookie, another voter's battle, and a battle already voted on. */
  let cookie: string;
  let otherVotersBattle: string;
  let votedBattle: string;

  // JSON unless the random headers say otherwise, so accepted paths stay reachable.
  const post = (url: string, body: string, headers: Record<string, string>) =>
    new Request(`http://localhost${url}`, { method: "POST", body, headers: { ...JSON_TYPE, ...headers } });

  async function newBattle(withCookie?: string): Promise<{ id: string; cookie: string }> {
    const response = await handleCreateBattle(
      f.ctx,
      post("/api/battles", "{}", withCookie ? { cookie: withCookie } : {}),
    );
    expect(response.status).toBe(201);
    const id = ((await response.json()) as { battleId: string }).battleId;
    return { id, cookie: withCookie ?? cookieFrom(response) };
  }

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    ({ cookie } = await newBattle());
    otherVotersBattle = (await newBattle()).id;
    votedBattle = (await newBattle(cookie)).id;
    const vote = await handleVote(f.ctx, post("/api/battles/x/vote", '{"outcome":"tie"}', { cookie }), votedBattle);
    expect(vote.status).toBe(201);
  });
  afterAll(() => f.close());

  /** No cookie, the voter's, the voter's with a tampered signature, or junk. */
  const cookieArb = fc.constantFrom("none", "voter", "tampered", "junk");
  function cookieHeader(choice: string): Record<string, string> {
    if (choice === "voter") return { cookie };
    if (choice === "tampered") return { cookie: `${cookie.slice(0, -1)}${cookie.endsWith("A") ? "B" : "A"}` };
    if (choice === "junk") return { cookie: `${VOTER_COOKIE}=not.a.signed.id; other=1` };
    return {};
  }

  test(`POST /api/battles: ${RUNS} random requests`, async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodyArb, headersArb, cookieArb, async (body, randomHeaders, cookieChoice) => {
        const headers = { ...randomHeaders, ...cookieHeader(cookieChoice) };
        const before = await f.countRows();
        const response = await handleCreateBattle(f.ctx, post("/api/battles", body, headers));
        const status = response.status;
        await expectWellFormed(response, headers);
        const delta = rowDelta(before, await f.countRows());
        if (status === 201) {
          // A valid body serves one battle, and a first visit adds its voter session.
          created += 1;
          expect(delta).toEqual({ sessions: cookieChoice === "voter" ? 0 : 1, battles: 1, votes: 0, tags: 0 });
        } else {
          expect(delta).toEqual({ sessions: 0, battles: 0, votes: 0, tags: 0 });
        }
      }),
      { numRuns: RUNS },
    );
    expect(created).toBeGreaterThan(0);
  });

  test(`POST /api/battles/{id}/vote: ${RUNS} random requests`, async () => {
    // An open battle of the voter's, replaced whenever a random request happens to vote on it.
    let open = (await newBattle(cookie)).id;
    let accepted = 0;
    const battleArb = fc.oneof(
      fc.constantFrom("open", "voted", "other's", "unknown"),
      fc.string({ maxLength: 50, unit: "grapheme" }),
    );
    // A Map, not an object: random ids such as "__proto__" must not hit Object.prototype.
    const named = new Map<string, () => string>([
      ["open", () => open],
      ["voted", () => votedBattle],
      ["other's", () => otherVotersBattle],
      ["unknown", () => "c".repeat(25)],
    ]);
    const battleIdFor = (choice: string) => named.get(choice)?.() ?? choice;
    await fc.assert(
      fc.asyncProperty(bodyArb, headersArb, cookieArb, battleArb, async (body, randomHeaders, cookieChoice, battle) => {
        const headers = { ...randomHeaders, ...cookieHeader(cookieChoice) };
        const battleId = battleIdFor(battle);
        const before = await f.countRows();
        const response = await handleVote(f.ctx, post(`/api/battles/x/vote`, body, headers), battleId);
        const status = response.status;
        await expectWellFormed(response, headers);
        const delta = rowDelta(before, await f.countRows());
        if (status === 201) {
          // Only the voter's own open battle takes a vote: one vote row and its tags, nothing else.
          accepted += 1;
          expect(battleId).toBe(open);
          expect(cookieChoice).toBe("voter");
          const { tags } = JSON.parse(body) as VoteBody;
          const tagCount = (tags?.left?.length ?? 0) + (tags?.right?.length ?? 0);
          expect(delta).toEqual({ sessions: 0, battles: 0, votes: 1, tags: tagCount });
          open = (await newBattle(cookie)).id;
        } else {
          expect(delta).toEqual({ sessions: 0, battles: 0, votes: 0, tags: 0 });
        }
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  const readEndpoints: [string, (query: string, headers: Record<string, string>, slug: string) => Promise<Response>][] =
    [
      [
        "GET /api/leaderboard",
        (q, h) =>
          handleLeaderboard(
            getPublicContext(f.db),
            new Request(`http://localhost/api/leaderboard?${q}`, { headers: h }),
          ),
      ],
      [
        "GET /api/categories",
        (q, h) =>
          handleCategories(getPublicContext(f.db), new Request(`http://localhost/api/categories?${q}`, { headers: h })),
      ],
      [
        "GET /api/models",
        (q, h) => handleModels(getPublicContext(f.db), new Request(`http://localhost/api/models?${q}`, { headers: h })),
      ],
      [
        "GET /api/models/{slug}",
        (q, h, slug) =>
          handleModel(getPublicContext(f.db), new Request(`http://localhost/api/models/x?${q}`, { headers: h }), slug),
      ],
      [
        "GET /api/export/votes",
        (q, h) =>
          handleExportVotes(
            { db: f.db, secret: f.ctx.secret, limiter: generousLimiter, keyRequiredAboveRows: 0 },
            new Request(`http://localhost/api/export/votes?${q}`, { headers: h }),
          ),
      ],
    ];
  const slugArb = fc.oneof(
    fc.constantFrom("veo-2", "kling-1-6", "hailuo", "VEO-2", "veo-2 ", "../veo-2", "", "-"),
    fc.string({ maxLength: 60, unit: "grapheme" }),
  );

  test.each(readEndpoints)(`%s: ${RUNS} random requests, nothing written`, async (_name, call) => {
    const before = await f.countRows();
    await fc.assert(
      fc.asyncProperty(queryArb, headersArb, slugArb, async (query, headers, slug) => {
        await expectWellFormed(await call(query, headers, slug), headers);
      }),
      { numRuns: RUNS },
    );
    expect(await f.countRows()).toEqual(before);
  });
});
