import { z } from "zod";
import { CHECK_VOTE_WHERE, countedVoteFilter, countedVoteWhere, type DemoVotes } from "../counted-vote";
import type { Db } from "../db/client";
import { computeBradleyTerry, PairCellAccumulator } from "../ratings";
import type { Winner } from "../ratings/types";
import { checkAccuracy } from "../integrity/check-scoring";
import { wilsonInterval } from "../ratings/wilson-interval";
import { leaderboardRowSchema } from "./leaderboard-response";
import { publicRatingNumbers } from "./public-rating-row";
import { crowdAgreement, type CrowdRating } from "./crowd-agreement";
import type { LoadedSnapshot } from "./latest-snapshot";
import { viewKey } from "./leaderboard-query";
import { MIN_VOTES_FOR_OWN_BOARD } from "./own-board-threshold";

export { MIN_VOTES_FOR_OWN_BOARD };
/** Bootstrap rounds and seed of a voter's own fit: fixed, so the same votes always give the same board. */
export const OWN_BOARD_BOOTSTRAP = 200;
export const OWN_BOARD_SEED = 31;

const proportionSchema = z.object({
  share: z.number().describe("successes / trials (0 without trials)"),
  ciLow: z.number().describe("Lower bound of the 95% Wilson score interval"),
  ciHigh: z.number().describe("Upper bound of the 95% Wilson score interval"),
  trials: z.number().int(),
});

export const voterBoardSchema = z.object({
  countedVotes: z
    .number()
    .int()
    .describe("Your votes that count on the leaderboard (blind, not flagged, not excluded)."),
  otherVotes: z
    .number()
    .int()
    .describe("Your other votes: on named battles (/compare), or flagged or excluded; kept, never in this board."),
  votesNeeded: z
    .number()
    .int()
    .describe(`Counted votes needed before the board is fitted (${MIN_VOTES_FOR_OWN_BOARD}).`),
  board: z
    .array(
      leaderboardRowSchema.pick({
        model: true,
        slug: true,
        rating: true,
        ciLow: true,
        ciHigh: true,
        group: true,
        rank: true,
        tier: true,
        votes: true,
        winRate: true,
        provisional: true,
      }),
    )
    .nullable()
    .describe(
      "Your own Bradley-Terry ranking from your counted votes only (the leaderboard's solver and rules, 200 bootstrap rounds, seed 31); null below votesNeeded.",
    ),
  agreement: proportionSchema
    .extend({
      agreed: z.number().int(),
      notComparable: z
        .number()
        .int()
        .describe(
          "Decisive votes on a pair the published board does not order (a model missing, another group, equal ratings).",
        ),
    })
    .nullable()
    .describe(
      "Share of your decisive counted votes whose winner is the crowd's favourite of the pair, the model rated higher on the published overall board (Bradley-Terry, all votes), with its 95% Wilson interval; null below votesNeeded.",
    ),
  checkAccuracy: proportionSchema
    .nullable()
    .describe(
      "Share of your known-answer (check) battles passed — choosing the original over its degraded twin — with its 95% Wilson interval; null while you have voted on none.",
    ),
  crowdComputedAt: z
    .string()
    .nullable()
    .describe("When the published board used for agreement was computed; null: none yet."),
});
export type VoterBoard = z.infer<typeof voterBoardSchema>;

const WINNER: Record<string, Winner> = { left: "model_a", right: "model_b", tie: "tie", both_bad: "tie (bothbad)" };

/**
 * A voter session's own board (issue 31, item 4; docs/ratings.md "A voter's own board"): how many
 * of its votes count, and from `MIN_VOTES_FOR_OWN_BOARD` counted votes on, its own Bradley-Terry
 * ranking (computeBradleyTerry, the one solver, on its counted votes only) and its agreement with
 * the crowd (crowdAgreement) against `crowd`, the published overall board's ratings by slug.
 * Reads only this session's votes. Runs in a worker thread (lib/http/heavy-worker.ts).
 */
export async function computeVoterBoard(
  db: Db,
  voterSessionId: string,
  crowd: { computedAt: string | null; ratings: Record<string, CrowdRating> },
): Promise<VoterBoard> {
  // Pair votes: a quad vote (issue 32) has no single pair to agree with the crowd on.
  const where = { ...(await countedVoteFilter(db, { battles: "pairs" })), voterSessionId };
  // Grouped by pair and outcome: memory grows with the pairs voted on, not with the votes.
  const [groups, allVotes, checks] = await Promise.all([
    db.vote.groupBy({ by: ["leftModelId", "rightModelId", "outcome"], where, _count: { _all: true } }),
    // Check votes are reported as checkAccuracy, not among the other votes.
    db.vote.count({ where: { voterSessionId, checkPassed: null } }),
    db.vote.groupBy({ by: ["checkPassed"], where: { voterSessionId, ...CHECK_VOTE_WHERE }, _count: { _all: true } }),
  ]);
  const counted = groups.reduce((sum, g) => sum + g._count._all, 0);
  const checkTrials = checks.reduce((sum, g) => sum + g._count._all, 0);
  const checksPassed = checks.find((g) => g.checkPassed === true)?._count._all ?? 0;
  const base = {
    countedVotes: counted,
    otherVotes: allVotes - counted,
    votesNeeded: MIN_VOTES_FOR_OWN_BOARD,
    checkAccuracy: checkTrials > 0 ? checkAccuracy(checksPassed, checkTrials) : null,
    crowdComputedAt: crowd.computedAt,
  };
  if (counted < MIN_VOTES_FOR_OWN_BOARD) return { ...base, board: null, agreement: null };

  const ids = [...new Set(groups.flatMap((g) => [g.leftModelId, g.rightModelId]))];
  const models = await db.model.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } });
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  const nameOf = new Map(models.map((m) => [m.slug, m.name]));
  const battles = groups.map((g) => ({
    battle: {
      modelA: slugOf.get(g.leftModelId) ?? g.leftModelId,
      modelB: slugOf.get(g.rightModelId) ?? g.rightModelId,
      winner: WINNER[g.outcome] as Winner,
    },
    count: g._count._all,
  }));
  const accumulator = new PairCellAccumulator();
  for (const { battle, count } of battles) accumulator.add(battle, count);
  const fit = computeBradleyTerry(accumulator.toCells(), { bootstrap: OWN_BOARD_BOOTSTRAP, seed: OWN_BOARD_SEED });
  const board = fit.rows.map((row) => ({
    model: nameOf.get(row.model) ?? row.model,
    slug: row.model,
    ...publicRatingNumbers(row),
  }));
  const tally = crowdAgreement(battles, crowd.ratings);
  const interval = wilsonInterval(tally.agreed, tally.comparable);
  return { ...base, board, agreement: { ...interval, agreed: tally.agreed, notComparable: tally.notComparable } };
}

/** The crowd's board for agreement: the published overall Bradley-Terry view (all votes), by slug. */
export function crowdRatingsOf(snapshot: LoadedSnapshot | null): {
  computedAt: string | null;
  ratings: Record<string, CrowdRating>;
} {
  const rows = snapshot?.data.views[viewKey({ category: "overall", lang: "", mode: "" })]?.bt.rows ?? [];
  return {
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    ratings: Object.fromEntries(rows.map((row) => [row.model, { rating: row.rating, group: row.group }])),
  };
}

/**
 * How many of a voter session's pair votes count (countedVoteWhere under `demoVotes`, the demo
 * state the caller read: the arena page's cached one), the votes /me compares, for the arena's
 * link to it. One query.
 */
export async function countVoterCountedVotes(db: Db, voterSessionId: string, demoVotes: DemoVotes): Promise<number> {
  return db.vote.count({ where: { ...countedVoteWhere({ battles: "pairs", demoVotes }), voterSessionId } });
}
