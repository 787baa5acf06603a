import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { amendTagsResponseSchema, battleResponseSchema } from "@/lib/arena/schemas";
import { handleAmendVoteTags } from "@/lib/http/vote-tags-api";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

// Issue 33: tags carry the moment the voter marked the failure, in ms of the delivered clip.
describe.each(testEngines)("time-stamped failure marks on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  async function newBattle() {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    expect(response.status).toBe(201);
    return { battle: battleResponseSchema.parse(await response.json()), cookie: cookieFrom(response) };
  }
  const vote = (battleId: string, cookie: string, body: unknown) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, body, cookie), battleId);
  const amend = (battleId: string, body: unknown, cookie: string) =>
    handleAmendVoteTags(
      f.ctx,
      new Request(postJson(`/api/battles/${battleId}/tags`, body, cookie), { method: "PUT" }),
      battleId,
    );
  const stored = async (battleId: string) =>
    (
      await f.db.voteTag.findMany({
        where: { vote: { battleId } },
        select: { side: true, tag: true, atMs: true },
        orderBy: [{ side: "asc" }, { tag: "asc" }],
      })
    ).map(({ side, tag, atMs }) => `${side}:${tag}@${atMs ?? "-"}`);

  test("a vote stores each tag's time, tags without a time stay allowed, and the reveal may change them", async () => {
    const { battle, cookie } = await newBattle();
    const body = {
      outcome: "right",
      tags: {
        left: [{ tag: "physics_violation", atMs: 1200 }, "identity_drift"],
        right: [{ tag: "interpenetration" }],
      },
    };
    expect((await vote(battle.battleId, cookie, body)).status).toBe(201);
    expect(await stored(battle.battleId)).toEqual([
      "left:identity_drift@-",
      "left:physics_violation@1200",
      "right:interpenetration@-",
    ]);
    const end = battle.durationMs;
    const amended = await amend(
      battle.battleId,
      {
        tags: {
          right: [
            { tag: "interpenetration", atMs: end },
            { tag: "ignores_prompt", atMs: 0 },
          ],
        },
      },
      cookie,
    );
    expect(amended.status).toBe(200);
    expect(amendTagsResponseSchema.parse(await amended.json())).toEqual({
      tags: { left: [], right: ["interpenetration", "ignores_prompt"] },
      marks: {
        left: [],
        right: [
          { tag: "interpenetration", atMs: end },
          { tag: "ignores_prompt", atMs: 0 },
        ],
      },
    });
    expect(await stored(battle.battleId)).toEqual([`right:ignores_prompt@0`, `right:interpenetration@${end}`]);
  });

  const badMarks: [string, unknown, string][] = [
    ["below 0", { left: [{ tag: "physics_violation", atMs: -1 }] }, "tags.left.0.atMs"],
    ["not a number", { right: ["identity_drift", { tag: "physics_violation", atMs: "1200" }] }, "tags.right.1.atMs"],
    ["not an integer", { left: [{ tag: "physics_violation", atMs: 12.5 }] }, "tags.left.0.atMs"],
    ["past the clip's length", { left: [{ tag: "physics_violation", atMs: 10_000_000 }] }, "tags.left.0.atMs"],
    ["on a clip not in the battle", { center: [{ tag: "physics_violation", atMs: 10 }] }, "tags"],
  ];

  test.each(badMarks)(
    "a mark %s is a 400 naming the field, on the vote and on the tags, nothing written",
    async (_, tags, field) => {
      const { battle, cookie } = await newBattle();
      const before = await f.countRows();
      const refused = await vote(battle.battleId, cookie, { outcome: "left", tags });
      expect(refused.status).toBe(400);
      const error = ((await refused.json()) as { error: { code: string; field: string; message: string } }).error;
      expect(error.code).toBe("invalid_request");
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
      expect(await f.countRows()).toEqual(before);

      expect(
        (await vote(battle.battleId, cookie, { outcome: "left", tags: { left: ["blurry_low_detail"] } })).status,
      ).toBe(201);
      const afterVote = await f.countRows();
      const amendRefused = await amend(battle.battleId, { tags }, cookie);
      expect(amendRefused.status).toBe(400);
      expect(((await amendRefused.json()) as { error: { field: string } }).error.field).toBe(field);
      expect(await f.countRows()).toEqual(afterVote);
      expect(await stored(battle.battleId)).toEqual(["left:blurry_low_detail@-"]);
    },
  );
});
