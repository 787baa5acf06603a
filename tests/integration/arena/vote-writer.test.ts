import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { type NewVote, VoteWriter } from "@/lib/arena/vote-writer";
import { type ArenaFixture, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("vote writer on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  /** A vote for a freshly served battle, as castVote would build it. */
  async function voteForNewBattle(): Promise<NewVote> {
    const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    const { battleId } = (await served.json()) as { battleId: string };
    const battle = await f.db.battle.findUniqueOrThrow({
      where: { id: battleId },
      include: { leftClip: true, rightClip: true },
    });
    return {
      battleId,
      kind: battle.kind,
      promptId: battle.promptId,
      leftModelId: battle.leftClip.modelId,
      rightModelId: battle.rightClip.modelId,
      voterSessionId: battle.voterSessionId,
      outcome: "left",
      promptLang: null,
      decisionMs: 9000,
      flagged: false,
      flagReason: null,
      createdAt: new Date(),
      tags: [{ side: "right", tag: "ignores_prompt" }],
    };
  }

  test("a vote that cannot be written fails alone; the rest of its group is written", async () => {
    const [first, second, third] = [await voteForNewBattle(), await voteForNewBattle(), await voteForNewBattle()];
    // A prompt that does not exist breaks the vote's foreign key: the database refuses the group.
    const orphan = { ...third, promptId: "cnosuchprompt00000000000" };
    const writer = new VoteWriter(f.db);
    const before = await f.countRows();

    const results = await Promise.allSettled([writer.write(first), writer.write(orphan), writer.write(second)]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(results.map((result) => (result.status === "fulfilled" ? result.value : null))).toEqual([
      "written",
      null,
      "written",
    ]);
    const after = await f.countRows();
    expect({ votes: after.votes - before.votes, tags: after.tags - before.tags }).toEqual({ votes: 2, tags: 2 });
    expect(await writer.write(second)).toBe("duplicate");
  });

  test("a vote on a skipped battle is refused, and its battle keeps the skip", async () => {
    const vote = await voteForNewBattle();
    const skippedAt = new Date();
    await f.db.battle.update({ where: { id: vote.battleId }, data: { skippedAt } });
    const writer = new VoteWriter(f.db);
    expect(await writer.write(vote)).toBe("skipped");
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: vote.battleId }, include: { vote: true } });
    expect(row.vote).toBeNull();
    expect(row.skippedAt).toEqual(skippedAt);
  });
});
