import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { voterCookieHeader } from "@/lib/arena/voter-session";
import { handleVote } from "@/lib/http/arena-api";
import { HeavyWork } from "@/lib/http/heavy-work";
import { handleDeleteMyVotes, handleMyBoard, type MeContext } from "@/lib/http/me-api";
import { readExportRows } from "@/lib/export/read-votes";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { isRecomputeDue, recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { type VoterBoard, voterBoardSchema } from "@/lib/leaderboard/voter-board";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";
import { CHECK_VOTE_WHERE, countCountedVotes } from "@/lib/counted-vote";
import { type ArenaFixture, createArenaFixture, postJson, writeVotes } from "../arena-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 50, eloBootstrap: 10, eloK: 4, seed: 42, includeFlagged: false, burstVotesPerMinute: 60 };
type Outcome = "left" | "right" | "tie";

describe.each(testEngines)("a voter's own board (/api/me) on %s", (engine) => {
  let f: ArenaFixture;
  let heavy: HeavyWork;
  let ctx: MeContext;
  const cookieOf = (id: string) => voterCookieHeader(id, f.ctx.secret, false).split(";")[0] as string;

  /** `n` counted votes written as the arena writes them: from `voter` (one new session per vote without one). */
  const addVotes = (
    left: string,
    right: string,
    outcome: Outcome,
    n: number,
    voter?: string,
    flagged = false,
    checkPassed: boolean | null = null,
  ) =>
    writeVotes(f, {
      left,
      right,
      outcome,
      n,
      voter,
      flagged,
      flagReason: flagged ? "too_fast" : null,
      checkPassed,
      tags: outcome === "left" ? [{ side: "right", tag: "physics" }] : [],
    });

  const board = async (cookie?: string): Promise<Response> =>
    handleMyBoard(ctx, new Request("http://localhost/api/me/board", { headers: cookie ? { cookie } : {} }));
  const boardOf = async (cookie: string): Promise<VoterBoard> => {
    const response = await board(cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    return voterBoardSchema.parse(await response.json());
  };
  const remove = (
    cookie: string | undefined,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) =>
    handleDeleteMyVotes(
      ctx,
      new Request("http://localhost/api/me/votes", {
        method: "DELETE",
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
        body: "{}",
      }),
    );
  const exportedVotes = async () => {
    let count = 0;
    for await (const page of readExportRows(f.db, { includeFlagged: "true" } as never, "salt")) count += page.length;
    return count;
  };

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    heavy = new HeavyWork(f.url, { threads: 1, production: false });
    ctx = { arena: f.ctx, latestSnapshot: (db) => readLatestSnapshot(db, null), fitVoterBoard: heavy.voterBoard };
    // The crowd: Veo 2 > Kling 1.6 > Vidu, one vote per voter session.
    await addVotes("veo-2", "kling-1-6", "left", 30);
    await addVotes("kling-1-6", "veo-2", "left", 10);
    await addVotes("kling-1-6", "vidu", "left", 30);
    await addVotes("vidu", "kling-1-6", "left", 10);
    await addVotes("veo-2", "vidu", "left", 30);
    await addVotes("vidu", "veo-2", "left", 8);
    await recomputeLeaderboard(f.db, PARAMS);
  }, 180_000);
  afterAll(async () => {
    await heavy.close();
    await f.close();
  });

  test("without a valid voter cookie there is nothing to read or delete: 404 no_voter_session", async () => {
    for (const cookie of [undefined, "ca_voter=someone.forged-signature", "other=1"]) {
      const response = await board(cookie);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "no_voter_session" } });
      expect((await remove(cookie)).status).toBe(404);
    }
  });

  test("before 20 counted votes the board says how many count; from 20 on it fits and measures agreement", async () => {
    const a = cookieOf("voter-a");
    // Balanced sides, so no integrity check takes the voter for one-sided.
    await addVotes("veo-2", "kling-1-6", "left", 5, "voter-a"); // agrees with the crowd
    await addVotes("kling-1-6", "veo-2", "right", 5, "voter-a"); // agrees
    await addVotes("kling-1-6", "veo-2", "left", 3, "voter-a"); // disagrees
    await addVotes("veo-2", "vidu", "right", 4, "voter-a"); // disagrees
    const early = await boardOf(a);
    expect(early).toMatchObject({ countedVotes: 17, otherVotes: 0, votesNeeded: 20, board: null, agreement: null });

    await addVotes("kling-1-6", "vidu", "tie", 3, "voter-a"); // not decisive
    await addVotes("veo-2", "kling-1-6", "left", 2, "voter-a", true); // flagged: kept, not counted
    const full = await boardOf(a);
    expect(full).toMatchObject({ countedVotes: 20, otherVotes: 2, checkAccuracy: null });
    expect(full.crowdComputedAt).toEqual(expect.any(String));
    expect(full.agreement).toEqual({ ...wilsonInterval(10, 17), agreed: 10, notComparable: 0 });
    expect(full.board?.map((row) => row.slug).sort()).toEqual(["kling-1-6", "veo-2", "vidu"]);
    // Veo 2 won 10 of 13 against Kling 1.6 in this voter's votes: rated above it.
    const rating = Object.fromEntries(full.board!.map((row) => [row.slug, row.rating]));
    expect(rating["veo-2"]).toBeGreaterThan(rating["kling-1-6"]!);
    // Under 20 votes each, every model of one voter's board is provisional: no tier.
    expect(full.board!.every((row) => row.provisional && row.tier === null)).toBe(true);
  }, 120_000);

  test("another voter's cookie sees only that voter's votes", async () => {
    const b = cookieOf("voter-b");
    await addVotes("vidu", "veo-2", "left", 2, "voter-b");
    expect(await boardOf(b)).toMatchObject({ countedVotes: 2, otherVotes: 0, board: null, agreement: null });
  });

  test("a voter's known-answer checks are their check accuracy, never among their votes", async () => {
    const c = cookieOf("voter-c");
    expect((await boardOf(c)).checkAccuracy).toBeNull();
    await addVotes("veo-2", "kling-1-6", "left", 3, "voter-c", false, true); // chose the original
    await addVotes("veo-2", "kling-1-6", "tie", 1, "voter-c", false, false); // a tie fails a check
    const mine = await boardOf(c);
    expect(mine).toMatchObject({ countedVotes: 0, otherVotes: 0 });
    expect(mine.checkAccuracy).toEqual(wilsonInterval(3, 4));
  });

  test("a cross-site or non-JSON delete is refused and deletes nothing", async () => {
    const before = await f.db.vote.count();
    expect((await remove(cookieOf("voter-a"), {})).status).toBe(415);
    const crossSite = await remove(cookieOf("voter-a"), {
      "content-type": "application/json",
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    expect(await f.db.vote.count()).toBe(before);
  });

  test("deleting removes the voter's own votes and nobody else's: export, tags, battles and the next recompute", async () => {
    // Publish a board that holds both voters' votes first.
    await recomputeLeaderboard(f.db, PARAMS);
    const published = (await readLatestSnapshot(f.db, null))!;
    const total = await f.db.vote.count();
    // Check votes (voter-c's) are kept out of vote files.
    const checkVotes = await f.db.vote.count({ where: CHECK_VOTE_WHERE });
    const crowdVotes = await f.db.vote.count({ where: { voterSessionId: { notIn: ["voter-a", "voter-b"] } } });
    const aBattles = await f.db.battle.findMany({ where: { voterSessionId: "voter-a" }, select: { id: true } });

    const byB = await remove(cookieOf("voter-b"));
    expect(byB.status).toBe(200);
    expect(await byB.json()).toEqual({ deleted: 2 });
    expect(await f.db.vote.count({ where: { voterSessionId: "voter-a" } })).toBe(22);

    const byA = await remove(cookieOf("voter-a"));
    expect(await byA.json()).toEqual({ deleted: 22 });
    expect(await f.db.vote.count()).toBe(total - 24);
    expect(await f.db.vote.count({ where: { voterSessionId: { notIn: ["voter-a", "voter-b"] } } })).toBe(crowdVotes);
    expect(await f.db.voteTag.count({ where: { vote: { voterSessionId: "voter-a" } } })).toBe(0);
    expect(await exportedVotes()).toBe(total - 24 - checkVotes);
    expect(await boardOf(cookieOf("voter-a"))).toMatchObject({ countedVotes: 0, otherVotes: 0, board: null });

    // The battles expired: a deleted vote cannot be cast again on them.
    const again = await handleVote(
      f.ctx,
      postJson(`/api/battles/${aBattles[0]!.id}/vote`, { outcome: "left" }, cookieOf("voter-a")),
      aBattles[0]!.id,
    );
    expect(again.status).toBe(410);

    // The published board still holds them: a recompute is due, even when as many new votes
    // since make the count look unchanged, and it leaves them out.
    await addVotes("veo-2", "vidu", "left", 22);
    expect(await countCountedVotes(f.db)).toBe(published.data.views["overall||"]!.votes);
    expect(await isRecomputeDue(f.db, 1_000, 0)).toBe(true);
    await recomputeLeaderboard(f.db, PARAMS);
    const next = (await readLatestSnapshot(f.db, null))!;
    expect(next.id).not.toBe(published.id);
    expect(await f.db.vote.count({ where: { voterSessionId: { in: ["voter-a", "voter-b"] } } })).toBe(0);
    expect(next.data.views["overall||"]!.votes).toBe(await countCountedVotes(f.db));
    expect(await isRecomputeDue(f.db, 1_000, 0)).toBe(false);
  }, 120_000);
});
