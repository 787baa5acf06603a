import { countedVoteWhere, type DemoVotes, demoVotesNow } from "../counted-vote";
import type { ArenaCache } from "../arena/arena-cache";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { recordAudit } from "../audit";
import type { ModerateVotes, VoteFilter } from "./schemas";

/** Votes listed per page on /admin/votes. */
export const MODERATION_PAGE_SIZE = 50;

// Every list holds pair and quad votes (issue 32): a quad is listed with its four models, best and worst.
function statusWhere(demoVotes: DemoVotes) {
  return {
    // Counted but for the flag: what a moderator may restore.
    flagged: { ...countedVoteWhere({ includeFlagged: true, battles: "all", demoVotes }), flagged: true },
    excluded: { excluded: true },
    named: { kind: "named" },
    counted: countedVoteWhere({ battles: "all", demoVotes }),
    all: {},
  } as const;
}

const DAY_MS = 24 * 3600 * 1000;

function whereOf(filter: VoteFilter, modelId: string | null, status: ReturnType<typeof statusWhere>) {
  return {
    ...status[filter.status],
    ...(filter.reason ? { flagReason: filter.reason } : {}),
    ...(filter.voter ? { voterSessionId: filter.voter } : {}),
    // An unknown model slug matches nothing rather than everything.
    ...(filter.model
      ? {
          OR: [
            { leftModelId: modelId ?? "" },
            { rightModelId: modelId ?? "" },
            { modelCId: modelId ?? "" },
            { modelDId: modelId ?? "" },
          ],
        }
      : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
  };
}

/**
 * A page of votes for moderation, newest first, with why each was flagged and counts per reason.
 * A quad vote (issue 32) also carries `quadModels`, its four models' names in shown order (sides a
 * to d), with `best` and `worst` (both null when all four were bad); a pair's `quadModels` is null.
 */
export async function listVotesForModeration(db: Db, filter: VoteFilter) {
  const models = await db.model.findMany({ select: { id: true, slug: true, name: true } });
  const status = statusWhere(await demoVotesNow(db));
  const where = whereOf(filter, models.find((m) => m.slug === filter.model)?.id ?? null, status);
  const [votes, total, reasons] = await Promise.all([
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
        size: true,
        modelCId: true,
        modelDId: true,
        best: true,
        worst: true,
      },
    }),
    db.vote.count({ where }),
    db.vote.groupBy({ by: ["flagReason"], where: status.flagged, _count: { _all: true } }),
  ]);
  const name = new Map(models.map((m) => [m.id, m.name]));
  return {
    votes: votes.map((v) => ({
      ...v,
      leftModel: name.get(v.leftModelId) ?? "?",
      rightModel: name.get(v.rightModelId) ?? "?",
      quadModels:
        v.size === 4
          ? [v.leftModelId, v.rightModelId, v.modelCId ?? "", v.modelDId ?? ""].map((id) => name.get(id) ?? "?")
          : null,
    })),
    total,
    flaggedByReason: Object.fromEntries(reasons.map((r) => [r.flagReason ?? "unknown", r._count._all])),
    models: models.map(({ slug, name }) => ({ slug, name })),
  };
}

/**
 * Excludes votes from every count, or restores them into it: up to a page of votes, or every vote
 * of one voter session. Restoring also clears an integrity flag (the moderator judged the vote
 * genuine) and keeps the checks from flagging it again; the original reason stays in the audit log.
 * Named votes (from /compare) are never counted, so they cannot be restored: restoring only named
 * votes is a 409 `named_vote`, and a voter session's named votes are left as they are.
 * Recorded in the audit log with the moderator's reason. Returns how many votes changed.
 */
export async function moderateVotes(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  input: ModerateVotes,
  now = new Date(),
): Promise<{ changed: number }> {
  const target = input.voterSessionId ? { voterSessionId: input.voterSessionId } : { id: { in: input.voteId } };
  const result = await db.$transaction(async (tx) => {
    const votes = await tx.vote.findMany({ where: target, select: { id: true, kind: true, flagReason: true } });
    if (votes.length === 0)
      throw new DomainError(
        "not_found",
        input.voterSessionId ? "That voter session has no votes." : "There is no such vote.",
      );
    if (input.action === "restore" && votes.every((v) => v.kind === "named"))
      throw new DomainError("named_vote", "Named votes from /compare are never counted, so they cannot be restored.");
    const { count } =
      input.action === "exclude"
        ? await tx.vote.updateMany({ where: { ...target, excluded: false }, data: { excluded: true } })
        : await tx.vote.updateMany({
            where: { ...target, kind: "anonymous", OR: [{ excluded: true }, { flagged: true }] },
            data: { excluded: false, flagged: false, flagReason: null, restoredAt: now },
          });
    const flags = [...new Set(votes.map((v) => v.flagReason).filter(Boolean))];
    const one = votes.length === 1 && !input.voterSessionId;
    await recordAudit(tx, {
      actorId,
      action: `vote.${input.action}`,
      targetType: input.voterSessionId ? "voter_session" : "vote",
      // Several votes at once: the log names the first and how many (the reason covers all of them).
      targetId: input.voterSessionId ?? (input.voteId[0] as string),
      reason: [
        input.reason,
        one ? "" : input.voterSessionId ? "" : ` (${votes.length} votes)`,
        // A restore clears the flag, so the log keeps what it was.
        input.action === "restore" && flags.length > 0 ? ` (was flagged: ${flags.join(", ")})` : "",
      ].join(""),
    });
    return { changed: count };
  });
  arenaCache.invalidate();
  return result;
}
