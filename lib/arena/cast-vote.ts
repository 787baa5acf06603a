import type { Db } from "../db/client";
import { ApiError, isUniqueViolation } from "../http/errors";
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
      vote: { select: { id: true } },
      leftClip: { select: { durationMs: true, modelId: true, promptLang: true, model: { select: { name: true } } } },
      rightClip: { select: { durationMs: true, modelId: true, promptLang: true, model: { select: { name: true } } } },
    },
  });
  if (!battle) throw new ApiError(404, "battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) {
    throw new ApiError(403, "not_your_battle", "This battle was served to another voter.");
  }
  if (battle.vote) throw new ApiError(409, "already_voted", "This battle already has a vote.");
  if (battle.expiresAt <= now) throw new ApiError(410, "battle_expired", "This battle has expired; load a new one.");

  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = decisionMs < Math.min(battle.leftClip.durationMs, battle.rightClip.durationMs);
  const tags = [
    ...(input.body.tags?.left ?? []).map((tag) => ({ side: "left" as const, tag })),
    ...(input.body.tags?.right ?? []).map((tag) => ({ side: "right" as const, tag })),
  ];
  try {
    await db.vote.create({
      data: {
        battleId: input.battleId,
        kind: battle.kind,
        promptId: battle.promptId,
        leftModelId: battle.leftClip.modelId,
        rightModelId: battle.rightClip.modelId,
        voterSessionId: input.voterSessionId,
        outcome: input.body.outcome,
        promptLang: battle.leftClip.promptLang === battle.rightClip.promptLang ? battle.leftClip.promptLang : null,
        decisionMs,
        flagged,
        flagReason: flagged ? TOO_FAST_REASON : null,
        createdAt: now,
        ...(tags.length > 0 ? { tags: { create: tags } } : {}),
      },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, "already_voted", "This battle already has a vote.");
    throw error;
  }
  return { reveal: { left: battle.leftClip.model.name, right: battle.rightClip.model.name }, flagged };
}
