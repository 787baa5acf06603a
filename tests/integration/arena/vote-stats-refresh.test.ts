import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ArenaCache } from "@/lib/arena/arena-cache";
import { type FullTally, readFullTally } from "@/lib/arena/vote-tally";
import type { Db } from "@/lib/db/client";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("the arena's vote statistics on %s", (engine) => {
  let f: ArenaFixture;
  /** Full tallies wait for `release` when `hold` is set, as one queued behind an export in the worker pool would. */
  let hold = false;
  let release: () => void = () => {};
  const cache = new ArenaCache(async (db: Db, now: number): Promise<FullTally> => {
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    return readFullTally(db, now);
  });

  beforeAll(async () => {
    f = await createArenaFixture(engine);
  }, 60_000);
  afterAll(() => f.close());

  test("once statistics exist, a battle never waits for a full tally: it gets the newest ones until the tally lands", async () => {
    const random = seededRandom(5);
    await voteAsNewVoter(f, { id: "stats-1", servedAt: new Date(Date.now() - 120_000), random }, () => ({
      outcome: "left",
    }));
    const first = await cache.loadVoteStats(f.db);
    hold = true;
    cache.votesChanged();
    const held = await Promise.race([
      cache.loadVoteStats(f.db),
      new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 5_000)),
    ]);
    expect(held).toBe(first);
    release();
    hold = false;
    // The held tally lands: later battles get it.
    await expect.poll(async () => (await cache.loadVoteStats(f.db)) !== first).toBe(true);
  });
});
