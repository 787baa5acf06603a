import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { amendTagsResponseSchema, battleResponseSchema } from "@/lib/arena/schemas";
import { handleAmendVoteTags } from "@/lib/http/vote-tags-api";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("amending a vote's failure tags on the reveal on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  async function newBattle(cookie?: string) {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(response.status).toBe(201);
    return { battle: battleResponseSchema.parse(await response.json()), cookie: cookie ?? cookieFrom(response) };
  }
  const vote = (battleId: string, cookie: string, body: unknown = { outcome: "left" }) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, body, cookie), battleId);
  const amend = (battleId: string, body: unknown, cookie?: string) => {
    const request = postJson(`/api/battles/${battleId}/tags`, body, cookie);
    return handleAmendVoteTags(f.ctx, new Request(request, { method: "PUT" }), battleId);
  };
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
  const storedTags = async (battleId: string) =>
    (
      await f.db.voteTag.findMany({
        where: { vote: { battleId } },
        select: { side: true, tag: true },
        orderBy: [{ side: "asc" }, { tag: "asc" }],
      })
    ).map(({ side, tag }) => `${side}:${tag}`);

  test("after a vote without tags, the reveal's tags replace the vote's tags as a whole, each time", async () => {
    const { battle, cookie } = await newBattle();
    expect((await vote(battle.battleId, cookie)).status).toBe(201);
    expect(await storedTags(battle.battleId)).toEqual([]);

    const first = await amend(
      battle.battleId,
      { tags: { left: ["physics_violation"], right: ["identity_drift"] } },
      cookie,
    );
    expect(first.status).toBe(200);
    expect(amendTagsResponseSchema.parse(await first.json())).toEqual({
      tags: { left: ["physics_violation"], right: ["identity_drift"] },
      marks: { left: [{ tag: "physics_violation", atMs: null }], right: [{ tag: "identity_drift", atMs: null }] },
    });
    expect(await storedTags(battle.battleId)).toEqual(["left:physics_violation", "right:identity_drift"]);

    const second = await amend(battle.battleId, { tags: { right: ["blurry_low_detail", "identity_drift"] } }, cookie);
    expect(second.status).toBe(200);
    expect(await storedTags(battle.battleId)).toEqual(["right:blurry_low_detail", "right:identity_drift"]);

    expect((await amend(battle.battleId, { tags: {} }, cookie)).status).toBe(200);
    expect(await storedTags(battle.battleId)).toEqual([]);
  });

  test("tags sent with the vote are kept until amended", async () => {
    const { battle, cookie } = await newBattle();
    const voted = await vote(battle.battleId, cookie, { outcome: "tie", tags: { left: ["interpenetration"] } });
    expect(voted.status).toBe(201);
    expect(await storedTags(battle.battleId)).toEqual(["left:interpenetration"]);
    expect(
      (await amend(battle.battleId, { tags: { left: ["interpenetration", "ignores_prompt"] } }, cookie)).status,
    ).toBe(200);
    expect(await storedTags(battle.battleId)).toEqual(["left:ignores_prompt", "left:interpenetration"]);
  });

  test("refused, with nothing written: before the vote, by another voter, after the next battle, bad input", async () => {
    const { battle, cookie } = await newBattle();
    const before = await f.countRows();
    const early = await amend(battle.battleId, { tags: { left: ["physics_violation"] } }, cookie);
    expect(early.status).toBe(409);
    expect(await errorCode(early)).toBe("not_voted");

    expect((await vote(battle.battleId, cookie)).status).toBe(201);
    const other = await newBattle();
    const stranger = await amend(battle.battleId, { tags: { left: ["physics_violation"] } }, other.cookie);
    expect(stranger.status).toBe(403);
    expect(await errorCode(stranger)).toBe("not_your_battle");
    const anonymous = await amend(battle.battleId, { tags: { left: ["physics_violation"] } });
    expect(anonymous.status).toBe(403);

    for (const bad of [
      { tags: { left: ["not_a_tag"] } },
      { tags: { left: ["physics_violation", "physics_violation"] } },
      { tags: { middle: ["physics_violation"] } },
      { outcome: "left" },
      {},
    ]) {
      const response = await amend(battle.battleId, bad, cookie);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await errorCode(response)).toBe("invalid_request");
    }
    const unknown = await amend("zzzzzzzzzzzzzzzzzzzzzzzzz", { tags: {} }, cookie);
    expect(unknown.status).toBe(404);
    expect(await storedTags(battle.battleId)).toEqual([]);

    // Served another battle: the tags of the one left behind are closed.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await newBattle(cookie);
    const late = await amend(battle.battleId, { tags: { left: ["physics_violation"] } }, cookie);
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe("tags_closed");
    expect(await storedTags(battle.battleId)).toEqual([]);
    const after = await f.countRows();
    expect(after.tags).toBe(before.tags);
    expect(after.votes).toBe(before.votes + 1);
  });
});
