import { countedVoteWhere } from "../counted-vote";
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
 * in the data with its reason. Never unflags: a flag set by a check or a moderator stays.
 * Returns how many votes were newly flagged, per reason.
 */
export async function applyIntegrityChecks(
  db: Db,
  ratings: ReadonlyMap<string, number>,
  options: IntegrityOptions = DEFAULT_INTEGRITY_OPTIONS,
): Promise<Partial<Record<AnomalyReason, number>>> {
  const [rows, models] = await Promise.all([
    db.vote.findMany({
      // Votes a moderator restored are judged genuine: they are never flagged again.
      where: { ...countedVoteWhere({ includeFlagged: true }), restoredAt: null },
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
    outcome: r.outcome,
    leftModel: slug.get(r.leftModelId) ?? r.leftModelId,
    rightModel: slug.get(r.rightModelId) ?? r.rightModelId,
    createdAt: r.createdAt,
    tooFast: r.flagReason === "too_fast",
  }));
  const alreadyFlagged = new Set(rows.filter((r) => r.flagged).map((r) => r.id));
  const newlyFlagged = [...findAnomalousVotes(votes, ratings, options)].filter(([id]) => !alreadyFlagged.has(id));
  const byReason = groupBy(newlyFlagged, ([, reason]) => reason);
  const counts: Partial<Record<AnomalyReason, number>> = {};
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
