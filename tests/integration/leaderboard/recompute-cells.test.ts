import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FAILURE_TAGS } from "@/lib/arena/failure-tags";
import { pairOutcome } from "@/lib/counted-vote";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import type { SnapshotData } from "@/lib/leaderboard/snapshot-data";
import { viewKey } from "@/lib/leaderboard/leaderboard-query";
import { computeStyleAndFailures, servedStyles } from "@/lib/leaderboard/style-and-failures";
import { computeElo } from "@/lib/ratings";
import { FailureProfileAccumulator, taggedPair } from "@/lib/ratings/failure-profile";
import { readQuadAppearances } from "@/lib/leaderboard/quad-appearances";
import {
  computeStyleControl,
  STYLE_FEATURE_NAMES,
  StyledCellTable,
  styleDifferences,
} from "@/lib/ratings/style-control";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const VOTES = 600;
const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;
const ELO_WINNER = { left: "model_a", right: "model_b", tie: "tie", both_bad: "tie (bothbad)" } as const;
const PARAMS = {
  btBootstrap: 20,
  eloBootstrap: 10,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 1e6,
};
const START = Date.parse("2026-10-01T00:00:00Z");

/**
 * The recompute reads style control and the failure profile from grouped counts and Elo's votes in
 * raw keyset pages. The oracle here is the definition: every counted vote read one by one (with
 * its battle and tags) and fed to the same accumulators, in (createdAt, id) order for Elo. A world
 * with tags on both sides, duplicate tags across sides, battles with and without sound, clips of
 * different lengths, flagged, excluded and named votes, and votes sharing a timestamp.
 */
describe.each(testEngines)("recompute from grouped cells on %s", (engine) => {
  let f: ArenaFixture;
  let categoriesOfPrompt: Map<string, string[]>;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    const random = seededRandom(11);
    const clips = await f.db.clip.findMany({
      orderBy: { id: "asc" },
      select: { id: true, promptId: true, modelId: true },
    });
    for (const clip of clips) {
      await f.db.clip.update({
        where: { id: clip.id },
        data: { durationMs: random() < 0.5 ? 3000 : 7000, hasAudio: random() < 0.5 },
      });
    }
    await f.db.voterSession.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ id: `voter-${i}` })) });
    const rows = Array.from({ length: VOTES }, (_, i) => {
      const left = clips[Math.floor(random() * clips.length)]!;
      const others = clips.filter((c) => c.promptId === left.promptId && c.modelId !== left.modelId);
      const right = others[Math.floor(random() * others.length)]!;
      // Pairs of votes share a timestamp, so Elo's order rests on the id tie-break too.
      const createdAt = new Date(START + Math.floor(i / 2) * 60_000);
      return { i, left, right, createdAt, voter: `voter-${i % 30}`, draw: random() };
    });
    await f.db.battle.createMany({
      data: rows.map((r) => ({
        id: `battle-${r.i}`,
        token: `token-${r.i}`,
        kind: r.draw < 0.05 ? ("named" as const) : ("anonymous" as const),
        promptId: r.left.promptId,
        leftClipId: r.left.id,
        rightClipId: r.right.id,
        voterSessionId: r.voter,
        lang: "en" as const,
        servedAt: r.createdAt,
        expiresAt: r.createdAt,
        withSound: r.draw > 0.6,
      })),
    });
    await f.db.vote.createMany({
      data: rows.map((r) => ({
        // Ids out of creation order: the tie-break must come from the id, not from insertion.
        id: `vote-${String((r.i * 7919) % VOTES).padStart(4, "0")}`,
        battleId: `battle-${r.i}`,
        kind: r.draw < 0.05 ? ("named" as const) : ("anonymous" as const),
        promptId: r.left.promptId,
        leftModelId: r.left.modelId,
        rightModelId: r.right.modelId,
        voterSessionId: r.voter,
        outcome: OUTCOMES[Math.floor(random() * 4)]!,
        decisionMs: 9000,
        flagged: r.draw > 0.05 && r.draw < 0.1,
        flagReason: r.draw > 0.05 && r.draw < 0.1 ? "too_fast" : null,
        excluded: r.draw > 0.1 && r.draw < 0.13,
        createdAt: r.createdAt,
      })),
    });
    const votes = await f.db.vote.findMany({ select: { id: true } });
    const tags = votes.flatMap((v) => {
      const draw = random();
      if (draw < 0.6) return [];
      const tag = FAILURE_TAGS[Math.floor(random() * 3)]!;
      return draw < 0.8
        ? [{ voteId: v.id, side: "left" as const, tag }]
        : [
            { voteId: v.id, side: "left" as const, tag },
            { voteId: v.id, side: "right" as const, tag },
            { voteId: v.id, side: "right" as const, tag: FAILURE_TAGS[3] },
          ];
    });
    await f.db.voteTag.createMany({ data: tags });
    const prompts = await f.db.prompt.findMany({
      select: { id: true, categories: { select: { category: { select: { slug: true } } } } },
    });
    categoriesOfPrompt = new Map(prompts.map((p) => [p.id, p.categories.map((c) => c.category.slug)]));
  });
  afterAll(() => f.close());

  /** Counted votes one by one, with battle and tags (the oracle's input). */
  const countedVotes = (includeFlagged: boolean) =>
    f.db.vote.findMany({
      where: { kind: "anonymous", excluded: false, ...(includeFlagged ? {} : { flagged: false }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { battle: { include: { leftClip: true, rightClip: true } }, tags: true },
    });

  test.each([false, true])(
    "style control and failure profile equal the vote-by-vote pass (flagged: %s)",
    async (includeFlagged) => {
      const options = { bootstrap: 20, seed: 42 };
      const grouped = await computeStyleAndFailures(
        f.db,
        { includeFlagged },
        categoriesOfPrompt,
        FAILURE_TAGS,
        options,
        await readQuadAppearances(f.db, { includeFlagged }),
      );
      const slugOf = new Map((await f.db.model.findMany()).map((m) => [m.id, m.slug]));
      const failures = new FailureProfileAccumulator(FAILURE_TAGS);
      const cells = new Map<string, StyledCellTable>();
      const votes = await countedVotes(includeFlagged);
      expect(votes.length).toBeGreaterThan(400);
      for (const vote of votes) {
        const modelA = slugOf.get(vote.leftModelId)!;
        const modelB = slugOf.get(vote.rightModelId)!;
        const categories = categoriesOfPrompt.get(vote.promptId) ?? [];
        failures.add(
          taggedPair({
            modelA,
            modelB,
            allBad: vote.outcome === "both_bad",
            categories,
            tagsA: vote.tags.filter((t) => t.side === "left").map((t) => t.tag),
            tagsB: vote.tags.filter((t) => t.side === "right").map((t) => t.tag),
          }),
        );
        const { leftClip, rightClip, withSound } = vote.battle;
        const styles = servedStyles(
          { ...leftClip, audio: leftClip.hasAudio },
          { ...rightClip, audio: rightClip.hasAudio },
          withSound,
        );
        const differences = styleDifferences(...styles, STYLE_FEATURE_NAMES);
        const winner = vote.outcome === "left" ? "a" : vote.outcome === "right" ? "b" : "tie";
        for (const category of ["overall", ...categories]) {
          if (!cells.has(category)) cells.set(category, new StyledCellTable());
          cells.get(category)!.add(modelA, modelB, differences, winner);
        }
      }
      const rows = failures.rows();
      expect(grouped.failures).toEqual(rows);
      expect(rows.some((r) => Object.values(r.tags).some((t) => t.share > 0))).toBe(true);
      expect([...grouped.style.keys()].sort()).toEqual([...cells.keys()].sort());
      for (const [category, table] of cells) {
        expect(grouped.style.get(category)).toEqual(computeStyleControl(table.toCells(), STYLE_FEATURE_NAMES, options));
      }
    },
  );

  test("the snapshot's Elo is the replay of the counted votes in (createdAt, id) order", async () => {
    await recomputeLeaderboard(f.db, PARAMS);
    const snapshot = await f.db.ratingSnapshot.findFirstOrThrow({ orderBy: { computedAt: "desc" } });
    const data = JSON.parse(snapshot.data) as SnapshotData;
    const slugOf = new Map((await f.db.model.findMany()).map((m) => [m.id, m.slug]));
    const votes = await countedVotes(false);
    for (const category of ["overall", ...data.categories]) {
      const battles = votes
        .filter((v) => category === "overall" || categoriesOfPrompt.get(v.promptId)?.includes(category))
        .map((v) => ({
          modelA: slugOf.get(v.leftModelId)!,
          modelB: slugOf.get(v.rightModelId)!,
          winner: ELO_WINNER[pairOutcome(v.outcome)],
        }));
      const view = data.views[viewKey({ category, lang: "", mode: "" })];
      if (battles.length === 0) {
        expect(view?.elo).toBeUndefined();
        continue;
      }
      // JSON keeps what the snapshot row keeps (undefined keys dropped).
      const expected = JSON.parse(
        JSON.stringify(computeElo(battles, { k: PARAMS.eloK, bootstrap: PARAMS.eloBootstrap, seed: PARAMS.seed })),
      ) as unknown;
      expect(view?.elo).toEqual(expected);
    }
  });
});
