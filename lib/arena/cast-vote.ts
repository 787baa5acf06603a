import type { Db } from "../db/client";
import { DomainError } from "../errors";
import type { ArenaStore } from "./arena-store";
import { asksRecognitionSurvey, recognitionCandidates, type RecognitionSurveyPolicy } from "./recognition-survey";
import type { VoteBody, VoteResponse } from "./schemas";
import { SERVED_BATTLE_COLUMNS, type ServedBattle } from "./served-battles";

export interface CastVoteInput {
  battleId: string;
  voterSessionId: string;
  body: VoteBody;
  /** The recognition survey's share; without it no vote asks the survey. */
  survey?: RecognitionSurveyPolicy;
  now?: Date;
}

/** Why a vote was flagged when it arrived sooner than the shorter clip could be watched once. */
export const TOO_FAST_REASON = "too_fast";

/**
 * Records the one vote a battle accepts and reveals its models. The battle must exist (404), have
 * been served to this voter (403), not be voted or skipped yet (409) and not be expired (410). A vote sooner
 * than the shorter clip's duration is kept but flagged. Concurrent duplicates are stopped by the
 * unique battleId and a concurrent skip by the battle row the vote claims (VoteWriter): both 409.
 * A blind vote the survey policy picks carries `survey` (the candidates), read after the vote is
 * committed, so the survey never delays or endangers the vote itself.
 */
export async function castVote(store: ArenaStore, input: CastVoteInput): Promise<VoteResponse> {
  const { db, served, votes } = store;
  const now = input.now ?? new Date();
  const battle = served.get(input.battleId) ?? (await readBattle(db, input.battleId));
  if (!battle) throw new DomainError("battle_not_found", "There is no such battle.");
  if (battle.voterSessionId !== input.voterSessionId) {
    throw new DomainError("not_your_battle", "This battle was served to another voter.");
  }
  if ("skippedAt" in battle && battle.skippedAt) throw battleSkipped();
  if (battle.expiresAt <= now) {
    served.forget(input.battleId);
    // An expired battle that was voted on is a duplicate first: that is the truer answer.
    const voted = await db.vote.findUnique({ where: { battleId: input.battleId }, select: { id: true } });
    if (voted) throw alreadyVoted();
    throw new DomainError("battle_expired", "This battle has expired; load a new one.");
  }
  const {
    clips: [left, right],
  } = await store.cache.lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");

  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = decisionMs < Math.min(left.durationMs, right.durationMs);
  const tags = [
    ...(input.body.tags?.left ?? []).map((tag) => ({ side: "left" as const, tag })),
    ...(input.body.tags?.right ?? []).map((tag) => ({ side: "right" as const, tag })),
  ];
  const result = await votes.write({
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
    tags,
  });
  served.forget(input.battleId);
  if (result === "duplicate") throw alreadyVoted();
  if (result === "skipped") throw battleSkipped();
  const asked = battle.kind === "anonymous" && input.survey && asksRecognitionSurvey(input.survey, input.battleId);
  const candidates = asked ? await recognitionCandidates(store, battle.promptId) : null;
  return {
    reveal: { left: left.modelName, right: right.modelName },
    models: {
      left: { slug: left.modelSlug, name: left.modelName },
      right: { slug: right.modelSlug, name: right.modelName },
    },
    heldLastFrameMs: { left: left.heldLastFrameMs, right: right.heldLastFrameMs },
    flagged,
    ...(candidates ? { survey: { candidates: candidates.map(({ slug, name }) => ({ slug, name })) } } : {}),
  };
}

export function alreadyVoted(): DomainError {
  return new DomainError("already_voted", "This battle already has a vote.");
}

export function battleSkipped(): DomainError {
  return new DomainError("battle_skipped", "This battle was skipped; load a new one.");
}

/** A battle as stored. The in-process copy has no skippedAt: skipping a battle drops that copy. */
function readBattle(db: Db, battleId: string): Promise<(ServedBattle & { skippedAt: Date | null }) | null> {
  return db.battle.findUnique({ where: { id: battleId }, select: { ...SERVED_BATTLE_COLUMNS, skippedAt: true } });
}
