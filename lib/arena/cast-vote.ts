import type { Db } from "../db/client";
import { ApiError, isUniqueViolation } from "../http/errors";
import { lookUpClips } from "./catalog";
import type { VoteBody, VoteResponse } from "./schemas";

export interface CastVoteInput {
  battleId: string;
  voterSessionId: string;
  body: VoteBody;
  now?: Date;
}

/** Why a vote was flagged when it arrived sooner than the shorter clip could be watched once. */
export const TOO_FAST_REASON = "too_fast";

/**
 * Records the one vote a battle accepts and reveals its models. The battle must exist (404), have
 * been served to this voter (403), not be voted yet (409) and not be expired (410). A vote sooner
 * than the shorter clip's duration is kept but flagged. Concurrent duplicates are stopped by the
 * unique battleId and also answer 409.
 */
export async function castVote(db: Db, input: CastVoteInput): Promise<VoteResponse> {
  const now = input.now ?? new Date();
  const battle = await db.battle.findUnique({
    where: { id: input.battleId },
    select: {
      kind: true,
      promptId: true,
      voterSessionId: true,
      servedAt: true,
      expiresAt: true,
      leftClipId: true,
      rightClipId: true,
    },
  });
  if (!battle) throw new ApiError(404, "battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) {
    throw new ApiError(403, "not_your_battle", "This battle was served to another voter.");
  }
  if (battle.expiresAt <= now) {
    // An expired battle that was voted on is a duplicate first: that is the truer answer.
    const voted = await db.vote.findUnique({ where: { battleId: input.battleId }, select: { id: true } });
    if (voted) throw alreadyVoted();
    throw new ApiError(410, "battle_expired", "This battle has expired; load a new one.");
  }
  const {
    clips: [left, right],
  } = await lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");

  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = decisionMs < Math.min(left.durationMs, right.durationMs);
  const tags = [
    ...(input.body.tags?.left ?? []).map((tag) => ({ side: "left" as const, tag })),
    ...(input.body.tags?.right ?? []).map((tag) => ({ side: "right" as const, tag })),
  ];
  try {
    // The unique battleId makes the insert itself the "one vote per battle" check, race-free.
    await db.vote.create({
      data: {
        battleId: input.battleId,
        kind: battle.kind,
        promptId: battle.promptId,
        leftModelId: left.modelId,
        rightModelId: right.modelId,
        voterSessionId: input.voterSessionId,
        outcome: input.body.outcome,
        promptLang: left.promptLang === right.promptLang ? left.promptLang : null,
        decisionMs,
        flagged,
        flagReason: flagged ? TOO_FAST_REASON : null,
        createdAt: now,
        ...(tags.length > 0 ? { tags: { create: tags } } : {}),
      },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyVoted();
    throw error;
  }
  return { reveal: { left: left.modelName, right: right.modelName }, flagged };
}

function alreadyVoted(): ApiError {
  return new ApiError(409, "already_voted", "This battle already has a vote.");
}
