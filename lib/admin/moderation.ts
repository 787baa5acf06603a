import { invalidateArenaCache } from "../arena/arena-cache";
import type { Db } from "../db/client";
import { ApiError } from "../errors";
import { recordAudit } from "../audit";
import type { ModerateVotes, VoteFilter } from "./schemas";

/** Votes listed per page on /admin/votes. */
export const MODERATION_PAGE_SIZE = 50;

function whereOf(filter: VoteFilter) {
  return {
    ...(filter.status === "flagged" ? { flagged: true, excluded: false } : {}),
    ...(filter.status === "excluded" ? { excluded: true } : {}),
    ...(filter.reason ? { flagReason: filter.reason } : {}),
    ...(filter.voter ? { voterSessionId: filter.voter } : {}),
  };
}

/** A page of votes for moderation, newest first, with why each was flagged and counts per reason. */
export async function listVotesForModeration(db: Db, filter: VoteFilter) {
  const where = whereOf(filter);
  const [votes, total, reasons, models] = await Promise.all([
    db.vote.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * MODERATION_PAGE_SIZE,
      take: MODERATION_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        outcome: true,
        decisionMs: true,
        flagged: true,
        flagReason: true,
        excluded: true,
        voterSessionId: true,
        leftModelId: true,
        rightModelId: true,
      },
    }),
    db.vote.count({ where }),
    db.vote.groupBy({ by: ["flagReason"], where: { flagged: true, excluded: false }, _count: { _all: true } }),
    db.model.findMany({ select: { id: true, name: true } }),
  ]);
  const name = new Map(models.map((m) => [m.id, m.name]));
  return {
    votes: votes.map((v) => ({
      ...v,
      leftModel: name.get(v.leftModelId) ?? "?",
      rightModel: name.get(v.rightModelId) ?? "?",
    })),
    total,
    flaggedByReason: Object.fromEntries(reasons.map((r) => [r.flagReason ?? "unknown", r._count._all])),
  };
}

/**
 * Excludes votes from every count, or restores them into it: one vote, or every vote of one voter
 * session. Restoring also clears an integrity flag (the moderator judged the vote genuine) and
 * keeps the checks from flagging it again; the original reason stays in the audit log.
 * Recorded in the audit log with the moderator's reason. Returns how many votes changed.
 */
export async function moderateVotes(
  db: Db,
  actorId: string,
  input: ModerateVotes,
  now = new Date(),
): Promise<{ changed: number }> {
  const target = input.voteId ? { id: input.voteId } : { voterSessionId: input.voterSessionId as string };
  const result = await db.$transaction(async (tx) => {
    const votes = await tx.vote.findMany({ where: target, select: { id: true, flagReason: true } });
    if (votes.length === 0)
      throw new ApiError(
        404,
        "not_found",
        input.voteId ? "There is no such vote." : "That voter session has no votes.",
      );
    const { count } =
      input.action === "exclude"
        ? await tx.vote.updateMany({ where: { ...target, excluded: false }, data: { excluded: true } })
        : await tx.vote.updateMany({
            where: { ...target, OR: [{ excluded: true }, { flagged: true }] },
            data: { excluded: false, flagged: false, flagReason: null, restoredAt: now },
          });
    const flags = [...new Set(votes.map((v) => v.flagReason).filter(Boolean))];
    await recordAudit(tx, {
      actorId,
      action: `vote.${input.action}`,
      targetType: input.voteId ? "vote" : "voter_session",
      targetId: input.voteId ?? (input.voterSessionId as string),
      // A restore clears the flag, so the log keeps what it was.
      reason:
        input.action === "restore" && flags.length > 0
          ? `${input.reason} (was flagged: ${flags.join(", ")})`
          : input.reason,
    });
    return { changed: count };
  });
  invalidateArenaCache();
  return result;
}
