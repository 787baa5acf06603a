import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { castVote } from "@/lib/arena/cast-vote";
import { loadRevealedClips } from "@/lib/arena/revealed-clips";
import { serveBattle } from "@/lib/arena/serve-battle";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("fresh clips for a voter on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  /** Serves a battle to the voter, votes on it, and returns its (prompt, model) combinations. */
  async function serveAndVote(voterSessionId: string, random: () => number): Promise<string[]> {
    const battle = await serveBattle(f.ctx, { voterSessionId, lang: "en", random });
    await castVote(f.ctx, { battleId: battle.battleId, voterSessionId, body: { outcome: "left" } });
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
    const { clips } = await f.ctx.cache.lookUpClips(f.db, [row.leftClipId, row.rightClipId]);
    return clips.map((clip) => `${clip.promptId}/${clip.modelId}`);
  }

  test("a voter is not shown a model on a prompt where it was revealed to them, while fresh clips exist", async () => {
    const voterSessionId = "fresh-clip-voter";
    await f.db.voterSession.create({ data: { id: voterSessionId } });
    const clips = await f.db.clip.count({ where: { hidden: false, retiredAt: null } });
    const random = seededRandom(21);
    const seen = new Set<string>();
    // Each vote reveals two (prompt, model) combinations; stop well before the fresh ones run out.
    for (let round = 0; round < Math.floor(clips / 4); round += 1) {
      const shown = await serveAndVote(voterSessionId, random);
      for (const combination of shown) {
        expect(seen.has(combination)).toBe(false);
        seen.add(combination);
      }
    }
    const revealed = await loadRevealedClips(f.db, voterSessionId);
    expect(new Set(revealed.map((r) => `${r.promptId}/${r.modelId}`))).toEqual(seen);
  });

  test("another voter's reveals do not restrict this voter", async () => {
    await f.db.voterSession.create({ data: { id: "other-voter" } });
    expect(await loadRevealedClips(f.db, "other-voter")).toEqual([]);
  });

  test("a new cookie from the same address keeps the reveals of that address's earlier sessions", async () => {
    await f.db.voterSession.create({ data: { id: "address-voter-1", addressHash: "hash-of-one-address" } });
    const shown = await serveAndVote("address-voter-1", seededRandom(5));
    await f.db.voterSession.create({ data: { id: "address-voter-2", addressHash: "hash-of-one-address" } });
    const revealed = await loadRevealedClips(f.db, "address-voter-2");
    expect(new Set(revealed.map((r) => `${r.promptId}/${r.modelId}`))).toEqual(new Set(shown));
    // The next battle of the new cookie avoids them while fresh clips exist.
    const next = await serveAndVote("address-voter-2", seededRandom(6));
    for (const combination of next) expect(shown).not.toContain(combination);
    // Another address is not restricted by them.
    await f.db.voterSession.create({ data: { id: "address-voter-3", addressHash: "hash-of-another-address" } });
    expect(await loadRevealedClips(f.db, "address-voter-3")).toEqual([]);
  });

  test("an address's reveals come from its newest 200 sessions (a bound for shared addresses)", async () => {
    const address = "hash-of-a-busy-address";
    await f.db.voterSession.create({ data: { id: "busy-oldest", addressHash: address, createdAt: new Date(1_000) } });
    await serveAndVote("busy-oldest", seededRandom(7));
    expect(await loadRevealedClips(f.db, "busy-oldest")).not.toEqual([]);
    await f.db.voterSession.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        id: `busy-${i}`,
        addressHash: address,
        createdAt: new Date(2_000 + i),
      })),
    });
    expect(await loadRevealedClips(f.db, "busy-199")).toEqual([]);
    // A session's own votes always count, however many newer sessions its address has.
    expect(await loadRevealedClips(f.db, "busy-oldest")).not.toEqual([]);
  });
});
