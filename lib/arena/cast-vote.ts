import type { ArenaStore } from "./arena-store";
import { marksOf } from "./failure-marks";
import { passesCheck } from "./check-battles";
import { alreadyVoted, battleSkipped, openBattleOrThrow } from "./open-battle";
import { asksRecognitionSurvey, recognitionCandidates, type RecognitionSurveyPolicy } from "./recognition-survey";
import type { VoteBody, VoteResponse } from "./schemas";

export interface CastVoteInput {
  battleId: string;
  /** The voter session of the request; null (no valid voter cookie) owns no battle. */
  voterSessionId: string | null;
  body: VoteBody;
  /** The recognition survey's share; without it no vote asks the survey. */
  survey?: RecognitionSurveyPolicy;
  now?: Date;
}

/** Why a vote was flagged when it arrived sooner than the shorter clip could be watched once. */
export const TOO_FAST_REASON = "too_fast";

/**
 * Records the one vote a battle accepts and reveals its models (on a check battle, the same model
 * twice, which side was degraded and whether the vote passed: lib/arena/check-battles.ts).
 * Every check is refused and accepted exactly as any battle is. The battle must be open to this
 * voter (openBattleOrThrow: battle_not_found, not_your_battle, already_voted, battle_skipped,
 * battle_expired). Tags may carry marked times (lib/arena/failure-marks.ts: a time past a clip's
 * delivered length is a 400 and nothing is written). A vote sooner than the shorter clip's duration is kept but flagged. Concurrent duplicates are stopped by the
 * unique battleId and a concurrent skip by the battle row the vote claims (VoteWriter): both 409.
 * A blind vote the survey policy picks carries `survey` (the candidates), read after the vote is
 * committed, so the survey never delays or endangers the vote itself.
 */
export async function castVote(store: ArenaStore, input: CastVoteInput): Promise<VoteResponse> {
  const { db, served, votes } = store;
  const now = input.now ?? new Date();
  const battle = await openBattleOrThrow(store, input.battleId, input.voterSessionId, now);
  const {
    clips: [left, right],
  } = await store.cache.lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");

  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = decisionMs < Math.min(left.durationMs, right.durationMs);
  const tags = marksOf(input.body.tags, { left: left.deliveredLengthMs, right: right.deliveredLengthMs });
  const result = await votes.write({
    battleId: input.battleId,
    kind: battle.kind,
    promptId: battle.promptId,
    leftModelId: left.modelId,
    rightModelId: right.modelId,
    voterSessionId: battle.voterSessionId,
    outcome: input.body.outcome,
    promptLang: left.promptLang === right.promptLang ? left.promptLang : null,
    decisionMs,
    flagged,
    flagReason: flagged ? TOO_FAST_REASON : null,
    checkPassed: battle.checkTwinSide ? passesCheck(input.body.outcome, battle.checkTwinSide) : null,
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
      left: { slug: left.modelSlug, name: left.modelName, placeholderOnly: left.modelPlaceholderOnly },
      right: { slug: right.modelSlug, name: right.modelName, placeholderOnly: right.modelPlaceholderOnly },
    },
    heldLastFrameMs: { left: left.heldLastFrameMs, right: right.heldLastFrameMs },
    flagged,
    check: battle.checkTwinSide
      ? { degradedSide: battle.checkTwinSide, passed: passesCheck(input.body.outcome, battle.checkTwinSide) }
      : null,
    ...(candidates ? { survey: { candidates: candidates.map(({ slug, name }) => ({ slug, name })) } } : {}),
  };
}
