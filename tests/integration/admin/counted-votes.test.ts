import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as api from "@/lib/http/admin-api";
import { handleCreateBattle, handleCreateNamedBattle, handleVote } from "@/lib/http/arena-api";
import { getArenaStats } from "@/lib/catalog/stats";
import { countCountedVotes } from "@/lib/counted-vote";
import { readExportRows } from "@/lib/export/read-votes";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminContextOf, adminRequest, formWith, type SignedIn, signInAs } from "./admin-fixture";

const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 1, includeFlagged: false, burstVotesPerMinute: 600 };

describe.each(testEngines)("one definition of a counted vote on %s", (engine) => {
  let f: ArenaFixture;
  let ctx: api.AdminContext;
  let admin: SignedIn;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    ctx = adminContextOf(f);
    admin = await signInAs(f, "ops@example.org", "admin");
  });
  afterAll(() => f.close());

  /** A blind vote cast a minute after the battle was served: counted. */
  async function castBlindVote(outcome: "left" | "right") {
    const served = await servedAgo(60_000, () => handleCreateBattle(f.ctx, postJson("/api/battles", {})));
    const { battleId } = (await served.json()) as { battleId: string };
    const voted = await handleVote(
      f.ctx,
      postJson(`/api/battles/${battleId}/vote`, { outcome }, cookieFrom(served)),
      battleId,
    );
    expect(voted.status).toBe(201);
    return f.db.vote.findUniqueOrThrow({ where: { battleId } });
  }

  /** A vote on /compare, where the voter chose the two models by name. */
  async function castNamedVote() {
    const clips = await f.db.clip.findMany({
      where: { hidden: false },
      select: { promptId: true, model: { select: { slug: true } } },
    });
    const first = clips[0];
    const other = clips.find((c) => c.promptId === first?.promptId && c.model.slug !== first?.model.slug);
    if (!first || !other) throw new Error("the demo needs a prompt with two models");
    // Named battles show only published prompts (their clips have left the blind pool).
    await f.db.prompt.update({ where: { id: first.promptId }, data: { publishedAt: new Date() } });
    const served = await servedAgo(60_000, () =>
      handleCreateNamedBattle(
        f.ctx,
        postJson("/api/compare/battles", { promptId: first.promptId, models: [first.model.slug, other.model.slug] }),
      ),
    );
    expect(served.status).toBe(201);
    const { battleId } = (await served.json()) as { battleId: string };
    const voted = await handleVote(
      f.ctx,
      postJson(`/api/battles/${battleId}/vote`, { outcome: "left" }, cookieFrom(served)),
      battleId,
    );
    expect(voted.status).toBe(201);
    return f.db.vote.findUniqueOrThrow({ where: { battleId } });
  }

  const moderate = (body: object) => api.handleModerateVotes(ctx, adminRequest("POST", "/x", { as: admin, body }));

  test("a named vote can never be restored into the count", async () => {
    const named = await castNamedVote();
    expect(named.kind).toBe("named");
    const before = await countCountedVotes(f.db);
    const refused = await moderate({ action: "restore", voteId: named.id, reason: "looks genuine" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("named_vote");
    // Restoring the whole voter session leaves its named votes out too.
    await moderate({ action: "exclude", voteId: named.id, reason: "checking restore" });
    await moderate({ action: "restore", voterSessionId: named.voterSessionId, reason: "whole session" });
    expect(await f.db.vote.findUniqueOrThrow({ where: { id: named.id } })).toMatchObject({ excluded: true });
    expect(await countCountedVotes(f.db)).toBe(before);
    const listed = await api.handleListVotes(ctx, adminRequest("GET", "/api/admin/votes?status=named", { as: admin }));
    const body = (await listed.json()) as { votes: { id: string; kind: string }[] };
    expect(body.votes.map((v) => v.id)).toContain(named.id);
    expect(body.votes.every((v) => v.kind === "named")).toBe(true);
  });

  test("several votes are excluded at once with one reason, from a form as the page sends it", async () => {
    const votes = [await castBlindVote("left"), await castBlindVote("right"), await castBlindVote("left")];
    const form = formWith({ action: "exclude", reason: "one bulk reason" });
    for (const vote of votes.slice(0, 2)) form.append("voteId", vote.id);
    const response = await api.handleModerateVotes(ctx, adminRequest("POST", "/x", { as: admin, body: form }));
    expect(await response.json()).toEqual({ changed: 2 });
    const excluded = await f.db.vote.findMany({
      where: { id: { in: votes.map((v) => v.id) } },
      select: { excluded: true },
    });
    expect(excluded.filter((v) => v.excluded)).toHaveLength(2);
  });

  test("home, /data, the leaderboard and the export count the same votes", async () => {
    await castBlindVote("right");
    await castNamedVote();
    // A vote cast before the clips could play: flagged, so not counted.
    const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    const { battleId } = (await served.json()) as { battleId: string };
    await handleVote(
      f.ctx,
      postJson(`/api/battles/${battleId}/vote`, { outcome: "left" }, cookieFrom(served)),
      battleId,
    );

    expect(await recomputeLeaderboard(f.db, PARAMS)).toEqual(expect.any(String));
    const snapshot = await f.db.ratingSnapshot.findFirstOrThrow({ orderBy: { computedAt: "desc" } });
    let exported = 0;
    for await (const page of readExportRows(f.db, { includeFlagged: true }, "salt"))
      exported += page.filter((row) => row.battle_kind === "anonymous" && !row.flagged).length;
    const home = (await getArenaStats(f.db)).votes;
    const dataPage = await countCountedVotes(f.db);

    expect(home).toBeGreaterThan(0);
    expect({ dataPage, leaderboard: snapshot.voteCount, export: exported }).toEqual({
      dataPage: home,
      leaderboard: home,
      export: home,
    });
    // Named and flagged votes exist, so agreeing is not trivial.
    expect(await f.db.vote.count()).toBeGreaterThan(home);
  });
});
