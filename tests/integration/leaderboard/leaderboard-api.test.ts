import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { handleCategories, handleModel, handleModels } from "@/lib/http/catalog-api";
import { acquireLease, releaseLease } from "@/lib/db/lease";
import { getEnv, getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { CLIENT_ADDRESS_HEADER, declareAddressStamping } from "@/lib/http/request-info";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { isRecomputeDue, recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { type ArenaFixture, createArenaFixture, writeVotes } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = {
  btBootstrap: 100,
  eloBootstrap: 20,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 60,
};
// As serve.ts does at start-up: handlers read the client address from the stamped header.
declareAddressStamping();
let nextClient = 0;
/**
 * A request from a client of its own (a fresh documentation address each time), so that the
 * per-address limit on new range fits binds only the test about it, which names its address.
 */
const get = (path: string, headers: Record<string, string> = {}) => {
  nextClient += 1;
  const address = `2001:db8::${nextClient.toString(16)}`;
  return new Request(`http://localhost${path}`, { headers: { [CLIENT_ADDRESS_HEADER]: address, ...headers } });
};

describe.each(testEngines)("leaderboard on %s", (engine) => {
  let f: ArenaFixture;

  /** Counted votes straight into the database: `n` anonymous votes with this outcome, each from its own voter. */
  // One voter per vote by default: a single voter casting 30 identical votes would be flagged as one-sided.
  const addVotes = async (
    left: string,
    right: string,
    outcome: "left" | "right" | "tie",
    n: number,
    flagged = false,
    voter?: string,
  ) => {
    await writeVotes(f, { left, right, outcome, n, flagged, voter });
  };

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
  });
  afterAll(() => f.close());

  test("before any snapshot the API answers an empty board", async () => {
    const response = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      category: "overall",
      method: "bt",
      computedAt: null,
      votes: 0,
      rows: [],
    });
  });

  test("a recompute publishes every view; flagged votes stay out", async () => {
    await addVotes("veo-2", "kling-1-6", "left", 30);
    await addVotes("kling-1-6", "veo-2", "tie", 10);
    await addVotes("vidu", "veo-2", "right", 20);
    await addVotes("vidu", "kling-1-6", "left", 50, true);
    expect(await isRecomputeDue(f.db, 100, 300)).toBe(true);
    expect(await recomputeLeaderboard(f.db, PARAMS)).toEqual(expect.any(String));
    getLeaderboardCache().forget();
    expect(await isRecomputeDue(f.db, 1, 300)).toBe(false);

    const response = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"));
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const board = leaderboardResponseSchema.parse(await response.json());
    expect(board.votes).toBe(60);
    expect(board.rows.map((r) => r.model)).toEqual(["Veo 2", "Kling 1.6", "Vidu"]);
    expect(board.rows[0]).toMatchObject({ slug: "veo-2", organisation: "Google DeepMind", votes: 60, active: true });
    for (let i = 1; i < board.rows.length; i += 1)
      expect(board.rows[i - 1]!.rating).toBeGreaterThanOrEqual(board.rows[i]!.rating);

    // Per category: the demo prompt these votes used belongs to its categories only.
    const prompt = await f.db.clip.findFirstOrThrow({
      where: { model: { slug: "veo-2" } },
      include: { prompt: { include: { categories: { include: { category: true } } } } },
    });
    const inside = prompt.prompt.categories[0]!.category.slug;
    const outside = ["physics", "dance", "action", "lighting"].find(
      (c) => !prompt.prompt.categories.some((pc) => pc.category.slug === c),
    )!;
    expect(
      (
        (await (
          await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?category=${inside}`))
        ).json()) as { votes: number }
      ).votes,
    ).toBe(60);
    expect(
      (
        (await (
          await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?category=${outside}`))
        ).json()) as {
          rows: unknown[];
        }
      ).rows,
    ).toEqual([]);

    const elo = leaderboardResponseSchema.parse(
      await (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?method=elo"))).json(),
    );
    expect(elo.method).toBe("elo");
    expect(elo.rows).toHaveLength(3);
  });

  test("a date range is fitted on request: all of it gives the published board, a part only its votes", async () => {
    const board = async (query: string) =>
      leaderboardResponseSchema.parse(
        await (await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard${query}`))).json(),
      );
    const published = await board("");
    const everything = await board("?from=2000-01-01&to=2100-12-31");
    expect(everything).toMatchObject({ from: "2000-01-01", to: "2100-12-31", votes: published.votes });
    expect(everything.rows).toEqual(published.rows);

    // Move ten Vidu votes back to January: a January range holds exactly those.
    const vidu = await f.db.model.findUniqueOrThrow({ where: { slug: "vidu" } });
    const january = await f.db.vote.findMany({ where: { leftModelId: vidu.id, flagged: false }, take: 10 });
    await f.db.vote.updateMany({
      where: { id: { in: january.map((v) => v.id) } },
      data: { createdAt: new Date("2026-01-15T12:00:00Z") },
    });
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const inJanuary = await board("?from=2026-01-01&to=2026-01-31");
    expect(inJanuary.votes).toBe(10);
    expect(inJanuary.rows.map((r) => r.model).sort()).toEqual(["Veo 2", "Vidu"]);
    expect((await board("?to=2026-01-14")).votes).toBe(0);
    expect((await board("?from=2026-01-16")).votes).toBe(published.votes - 10);
    // Put them back for the tests that follow.
    await f.db.vote.updateMany({ where: { id: { in: january.map((v) => v.id) } }, data: { createdAt: new Date() } });
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
  });

  test("new date ranges are rate-limited per address: 429 with Retry-After beyond the limit, cached ranges still served", async () => {
    const address = `203.0.113.${engine === "sqlite" ? 1 : 2}`;
    const ask = (query: string, from = address) =>
      handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard${query}`, { [CLIENT_ADDRESS_HEADER]: from }));
    const limit = getEnv().RATE_LIMIT_RANGE_FITS_PER_MINUTE;
    // Distinct ranges no other test asks for, so each one needs a new fit.
    const range = (day: number) => `?from=2025-03-${String(day).padStart(2, "0")}&category=physics`;
    for (let day = 1; day <= limit; day += 1) expect((await ask(range(day))).status).toBe(200);
    const refused = await ask(range(limit + 1));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/\S/);
    // A range already fitted costs nothing and is still answered; another address is not limited.
    expect((await ask(range(1))).status).toBe(200);
    expect((await ask(range(limit + 1), "203.0.113.99")).status).toBe(200);
    // The unranged board is never limited.
    expect((await ask("?category=physics")).status).toBe(200);
  });

  test("ETag and 304", async () => {
    const first = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?category=overall"));
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await handleLeaderboard(
      getPublicContext(f.db),
      get("/api/leaderboard?category=overall", { "if-none-match": etag! }),
    );
    expect(again.status).toBe(304);
    // A cache holding several variants sends them all, maybe in their weak form.
    for (const header of [`"stale", ${etag!}`, `W/${etag!}`]) {
      const listed = await handleLeaderboard(
        getPublicContext(f.db),
        get("/api/leaderboard?category=overall", { "if-none-match": header }),
      );
      expect(listed.status, header).toBe(304);
    }
    const lastModified = first.headers.get("last-modified");
    expect(lastModified).toMatch(/GMT$/);
    const since = await handleLeaderboard(
      getPublicContext(f.db),
      get("/api/leaderboard?category=overall", { "if-modified-since": lastModified! }),
    );
    expect(since.status).toBe(304);
    expect(first.headers.get("cache-control")).toMatch(/s-maxage=/);
    const other = await handleLeaderboard(
      getPublicContext(f.db),
      get("/api/leaderboard?category=overall", { "if-none-match": '"stale"' }),
    );
    expect(other.status).toBe(200);
  });

  test.each([
    ["?method=glicko", 400, "invalid_request"],
    ["?lang=fr", 400, "invalid_request"],
    ["?mode=video_to_video", 400, "invalid_request"],
    ["?category=Not%20A%20Slug", 400, "invalid_request"],
    ["?category=overall&sort=rating", 400, "invalid_request"],
    ["?method=elo&lang=zh", 400, "invalid_request"],
    ["?from=yesterday", 400, "invalid_request"],
    ["?from=2026-02-01&to=2026-01-01", 400, "invalid_request"],
    ["?method=elo&from=2026-01-01", 400, "invalid_request"],
    ["?category=underwater&from=2026-01-01", 404, "unknown_category"],
    ["?period=year", 400, "invalid_request"],
    ["?method=elo&period=7d", 400, "invalid_request"],
    ["?category=underwater", 404, "unknown_category"],
    ["?votesFrom=triples", 400, "invalid_request"],
    ["?method=elo&votesFrom=quads", 400, "invalid_request"],
  ])("GET /api/leaderboard%s → %i", async (query, status, code) => {
    const response = await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard${query}`));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code,
      message: expect.any(String),
    });
  });

  test("style control or Elo with a date range is a 400 before any range is fitted", async () => {
    const cache = getLeaderboardCache();
    const fit = vi.spyOn(cache, "fit");
    try {
      for (const query of ["?control=style&from=2026-01-01", "?method=elo&to=2026-01-31"]) {
        const response = await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard${query}`));
        expect(response.status, query).toBe(400);
        expect(((await response.json()) as { error: { issue: string } }).error.issue).toBe("unfiltered_only");
      }
      expect(fit).not.toHaveBeenCalled();
      // The spy does see a fit: a range the schema accepts is fitted.
      expect((await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?from=2020-01-02"))).status).toBe(
        200,
      );
      expect(fit).toHaveBeenCalledTimes(1);
    } finally {
      fit.mockRestore();
    }
  });

  test("categories, models and a model profile", async () => {
    const categories = (await (await handleCategories(getPublicContext(f.db), get("/api/categories"))).json()) as {
      categories: { slug: string }[];
    };
    expect(categories.categories.map((c) => c.slug)).toEqual(["physics", "dance", "action", "lighting"]);
    const models = (await (await handleModels(getPublicContext(f.db), get("/api/models"))).json()) as {
      models: { slug: string }[];
    };
    expect(models.models).toHaveLength(6);
    const profile = (await (await handleModel(getPublicContext(f.db), get("/api/models/veo-2"), "veo-2")).json()) as {
      ratings: { category: string; votes: number }[];
      opponents: { model: string }[];
    };
    expect(profile.ratings[0]).toMatchObject({ category: "overall", votes: 60 });
    expect(profile.opponents.map((o) => o.model).sort()).toEqual(["Kling 1.6", "Vidu"]);
    expect((await handleModel(getPublicContext(f.db), get("/api/models/nope"), "nope")).status).toBe(404);
    expect((await handleModel(getPublicContext(f.db), get("/api/models/..%2F"), "../")).status).toBe(404);
  });

  test("only one instance holds the recompute lease; an expired lease can be taken over", async () => {
    expect(await acquireLease(f.db, "job", "a", 60_000)).toBe(true);
    expect(await acquireLease(f.db, "job", "b", 60_000)).toBe(false);
    expect(await recomputeLeaderboard(f.db, PARAMS, "b")).not.toBeNull(); // a different lease name
    expect(await acquireLease(f.db, "job", "b", 60_000, new Date(Date.now() + 120_000))).toBe(true);
    await releaseLease(f.db, "job", "b");
    expect(await acquireLease(f.db, "job", "c", 1_000)).toBe(true);
    const contenders = await Promise.all(["x", "y", "z"].map((holder) => acquireLease(f.db, "race", holder, 60_000)));
    expect(contenders.filter(Boolean)).toHaveLength(1);
  });

  test("the recompute's integrity checks flag a voter who always picks the left clip", async () => {
    await addVotes("hailuo", "vidu", "left", 12, false, "lefty");
    await addVotes("vidu", "hailuo", "left", 12, false, "lefty");
    await recomputeLeaderboard(f.db, PARAMS);
    const votes = await f.db.vote.findMany({
      where: { voterSessionId: "lefty" },
      select: { flagged: true, flagReason: true },
    });
    expect(votes).toHaveLength(24);
    expect(votes.every((v) => v.flagged && v.flagReason === "one_sided_voter")).toBe(true);
  });

  test("dated views count only the votes of their window", async () => {
    const votes = await f.db.vote.findMany({ where: { flagged: false }, select: { id: true }, take: 7 });
    await f.db.vote.updateMany({
      where: { id: { in: votes.map((v) => v.id) } },
      data: { createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) },
    });
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const count = async (period: string) =>
      (
        (await (await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?period=${period}`))).json()) as {
          votes: number;
          period: string;
        }
      ).votes;
    const [all, month, week] = [await count("all"), await count("30d"), await count("7d")];
    expect(all - month).toBe(7);
    expect(week).toBe(month);
  });

  test("a newcomer with one win over the leader is provisional: listed after the established models, no effect on their rank", async () => {
    await addVotes("runway-gen-4", "veo-2", "left", 1);
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const board = leaderboardResponseSchema.parse(
      await (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"))).json(),
    );
    const newcomer = board.rows.find((r) => r.slug === "runway-gen-4");
    expect(newcomer).toMatchObject({ provisional: true, votes: 1 });
    for (const group of new Set(board.rows.map((r) => r.group))) {
      const rows = board.rows.filter((r) => r.group === group);
      const established = rows.filter((r) => !r.provisional);
      // Established first, then provisional, each by rating.
      expect(rows.map((r) => r.provisional)).toEqual([
        ...established.map(() => false),
        ...rows.slice(established.length).map(() => true),
      ]);
      for (const r of established) {
        expect(r.votes).toBeGreaterThanOrEqual(20);
        expect(r.ciLow).not.toBeNull();
        expect(r.ciHigh).not.toBeNull();
        // Rank (UB) among the established models alone.
        expect(r.rank).toBe(1 + established.filter((o) => o.ciLow! > r.ciHigh!).length);
      }
    }
    expect(board.rows.some((r) => !r.provisional)).toBe(true);
  });
});
