import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { VoteGroup } from "@/lib/arena/strength-estimates";
import { readFullTally, VoteTally } from "@/lib/arena/vote-tally";
import { countedVoteFilter, pairOutcome } from "@/lib/counted-vote";
import type { Db } from "@/lib/db/client";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, quadVoteAsNewVoter, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

/**
 * The counted votes grouped by the database itself, what the tally must equal: pair votes as they
 * are, and each quad's five implied pairs written out here (best over each middle clip, each middle
 * over worst, best over worst; the earlier-shown model on the left; all bad gives none).
 */
async function groupedByDatabase(db: Db): Promise<VoteGroup[]> {
  const groups = await db.vote.groupBy({
    by: ["leftModelId", "rightModelId", "outcome"],
    where: await countedVoteFilter(db, { battles: "pairs" }),
    _count: { _all: true },
  });
  const all = new Map<string, VoteGroup>();
  const add = (g: VoteGroup) => {
    const key = `${g.leftModelId}|${g.rightModelId}|${g.outcome}`;
    const held = all.get(key);
    if (held) held.count += g.count;
    else all.set(key, { ...g });
  };
  for (const { _count, ...g } of groups) add({ ...g, outcome: pairOutcome(g.outcome), count: _count._all });
  const quads = await db.vote.findMany({ where: await countedVoteFilter(db, { battles: "quads" }) });
  for (const quad of quads) {
    if (quad.best === null || quad.worst === null) continue;
    const models = [quad.leftModelId, quad.rightModelId, quad.modelCId, quad.modelDId] as string[];
    const [best, worst] = ["abcd".indexOf(quad.best), "abcd".indexOf(quad.worst)] as [number, number];
    const won = (winner: number, loser: number) =>
      add({
        leftModelId: models[Math.min(winner, loser)] as string,
        rightModelId: models[Math.max(winner, loser)] as string,
        outcome: winner < loser ? "left" : "right",
        count: 1,
      });
    for (const middle of [0, 1, 2, 3].filter((i) => i !== best && i !== worst)) {
      won(best, middle);
      won(middle, worst);
    }
    won(best, worst);
  }
  return sorted([...all.values()]);
}
const sorted = (groups: VoteGroup[]) =>
  [...groups].sort((a, b) =>
    `${a.leftModelId}|${a.rightModelId}|${a.outcome}`.localeCompare(`${b.leftModelId}|${b.rightModelId}|${b.outcome}`),
  );

describe.each(testEngines)("the sampler's vote tally on %s", (engine) => {
  let f: ArenaFixture;
  let fullReads = 0;
  let tally: VoteTally;
  const random = seededRandom(3);
  let voters = 0;
  const vote = (count: number, at: () => number) =>
    (async () => {
      for (let i = 0; i < count; i += 1) {
        const n = voters++;
        await voteAsNewVoter(f, { id: `tally-${n}`, servedAt: new Date(at() - 60_000), random }, () => ({
          outcome: OUTCOMES[n % 4]!,
        }));
      }
    })();

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    tally = new VoteTally((db, now) => {
      fullReads += 1;
      return readFullTally(db, now);
    });
  }, 60_000);
  afterAll(() => f.close());

  test("after a full tally, new votes are read incrementally, each counted once", { timeout: 60_000 }, async () => {
    await vote(12, () => Date.now() - 3600_000);
    expect(sorted(await tally.refresh(f.db, Date.now()))).toEqual(await groupedByDatabase(f.db));
    expect(fullReads).toBe(1);
    // Votes cast now, read in several refreshes (the window is read again each time).
    for (let round = 0; round < 3; round += 1) {
      await vote(5, () => Date.now());
      expect(sorted(await tally.refresh(f.db, Date.now()))).toEqual(await groupedByDatabase(f.db));
    }
    expect(fullReads).toBe(1);
    // Refreshes at once share one read: nothing is counted twice.
    await vote(4, () => Date.now());
    const both = await Promise.all([tally.refresh(f.db, Date.now()), tally.refresh(f.db, Date.now())]);
    expect(sorted(both[1])).toEqual(await groupedByDatabase(f.db));
    expect(fullReads).toBe(1);
  });

  test("a quad vote adds its five rank-breaking pairs, read incrementally and in a full tally; all bad adds none", async () => {
    const pairsBefore = (await tally.refresh(f.db, Date.now())).reduce((sum, g) => sum + g.count, 0);
    const servedAt = new Date(Date.now() - 60_000);
    await quadVoteAsNewVoter(f, { id: "tally-quad-1", servedAt, random }, () => ({ best: "c", worst: "a" }));
    await quadVoteAsNewVoter(f, { id: "tally-quad-2", servedAt, random }, () => ({ outcome: "all_bad" }));
    const incremental = sorted(await tally.refresh(f.db, Date.now()));
    expect(incremental.reduce((sum, g) => sum + g.count, 0)).toBe(pairsBefore + 5);
    expect(incremental).toEqual(await groupedByDatabase(f.db));
    tally.markStale();
    expect(sorted(await tally.refresh(f.db, Date.now()))).toEqual(incremental);
  });

  test("a vote excluded by a moderator leaves the tally at the next full tally (markStale)", async () => {
    const victim = await f.db.vote.findFirstOrThrow({
      where: await countedVoteFilter(f.db, { battles: "pairs" }),
      select: { id: true },
    });
    const reads = fullReads;
    await f.db.vote.update({ where: { id: victim.id }, data: { excluded: true } });
    tally.markStale();
    expect(sorted(await tally.refresh(f.db, Date.now()))).toEqual(await groupedByDatabase(f.db));
    expect(fullReads).toBe(reads + 1);
  });
});
