import { CHECK_VOTE_WHERE, countedVoteFilter, pairOutcome } from "../counted-vote";
import { type CheckRule, DEFAULT_CHECK_RULE, FAILED_CHECKS_REASON, failsChecks } from "./check-scoring";
import type { Db } from "../db/client";
import {
  type AnomalyReason,
  DEFAULT_INTEGRITY_OPTIONS,
  findAnomalousVotes,
  groupBy,
  type IntegrityOptions,
  type IntegrityVote,
} from "./voter-anomalies";

const BATCH = 500;

/**
 * Runs the voter-level checks over the counted votes and flags what they find, keeping each vote
 * in the data with its reason: first the known-answer rule (sessions failing their check battles,
 * lib/integrity/check-scoring.ts, under `checkRule`), then the pattern checks. Never unflags: a
 * flag set by a check or a moderator stays, and restored votes are never flagged again.
 * Returns how many votes were newly flagged, per reason.
 */
export async function applyIntegrityChecks(
  db: Db,
  ratings: ReadonlyMap<string, number>,
  options: IntegrityOptions = DEFAULT_INTEGRITY_OPTIONS,
  checkRule: CheckRule = DEFAULT_CHECK_RULE,
): Promise<Partial<Record<AnomalyReason, number>>> {
  const failedChecks = await flagFailedCheckSessions(db, checkRule);
  const [rows, models] = await Promise.all([
    db.vote.findMany({
      // Votes a moderator restored are judged genuine: they are never flagged again. Pair votes: the
      // anomaly checks compare a vote's winner with the ratings.
      where: { ...(await countedVoteFilter(db, { includeFlagged: true, battles: "pairs" })), restoredAt: null },
      select: {
        id: true,
        voterSessionId: true,
        outcome: true,
        leftModelId: true,
        rightModelId: true,
        createdAt: true,
        flagged: true,
        flagReason: true,
        voterSession: { select: { addressHash: true } },
      },
    }),
    db.model.findMany({ select: { id: true, slug: true } }),
  ]);
  // By slug, as the published ratings key models.
  const slug = new Map(models.map((m) => [m.id, m.slug]));
  const votes: IntegrityVote[] = rows.map((r) => ({
    id: r.id,
    voter: r.voterSessionId,
    address: r.voterSession.addressHash,
    outcome: pairOutcome(r.outcome),
    leftModel: slug.get(r.leftModelId) ?? r.leftModelId,
    rightModel: slug.get(r.rightModelId) ?? r.rightModelId,
    createdAt: r.createdAt,
    tooFast: r.flagReason === "too_fast",
  }));
  const alreadyFlagged = new Set(rows.filter((r) => r.flagged).map((r) => r.id));
  const newlyFlagged = [...findAnomalousVotes(votes, ratings, options)].filter(([id]) => !alreadyFlagged.has(id));
  const byReason = groupBy(newlyFlagged, ([, reason]) => reason);
  const counts: Partial<Record<AnomalyReason, number>> =
    failedChecks > 0 ? { [FAILED_CHECKS_REASON]: failedChecks } : {};
  for (const [reason, entries] of byReason) {
    const ids = entries.map(([id]) => id);
    for (let i = 0; i < ids.length; i += BATCH) {
      await db.vote.updateMany({
        where: { id: { in: ids.slice(i, i + BATCH) }, flagged: false },
        data: { flagged: true, flagReason: reason },
      });
    }
    counts[reason] = ids.length;
  }
  return counts;
}

/**
 * Flags the counted votes (never the check votes themselves, nor restored ones) of every voter
 * session whose check battles fail the rule (failsChecks). Returns how many votes it flagged.
 */
export async function flagFailedCheckSessions(db: Db, rule: CheckRule = DEFAULT_CHECK_RULE): Promise<number> {
  const cells = await db.vote.groupBy({
    by: ["voterSessionId", "checkPassed"],
    where: { ...CHECK_VOTE_WHERE, excluded: false },
    _count: { _all: true },
  });
  const tallies = new Map<string, { passed: number; checks: number }>();
  for (const cell of cells) {
    const tally = tallies.get(cell.voterSessionId) ?? { passed: 0, checks: 0 };
    tally.checks += cell._count._all;
    if (cell.checkPassed) tally.passed += cell._count._all;
    tallies.set(cell.voterSessionId, tally);
  }
  const failing = [...tallies].filter(([, t]) => failsChecks(t.passed, t.checks, rule)).map(([session]) => session);
  let flagged = 0;
  for (let i = 0; i < failing.length; i += BATCH) {
    const { count } = await db.vote.updateMany({
      // Every counted vote of the session, quads (issue 32) too: failing checks discredits them all.
      where: {
        ...(await countedVoteFilter(db, { battles: "all" })),
        restoredAt: null,
        voterSessionId: { in: failing.slice(i, i + BATCH) },
      },
      data: { flagged: true, flagReason: FAILED_CHECKS_REASON },
    });
    flagged += count;
  }
  return flagged;
}
