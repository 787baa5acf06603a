import { DomainError } from "../errors";
import type { ClipFacts } from "./arena-cache";
import type { ArenaStore } from "./arena-store";
import { marksOf } from "./failure-marks";
import { passesCheck } from "./check-battles";
import { alreadyVoted, battleSkipped, openBattleOrThrow } from "./open-battle";
import { asksRecognitionSurvey, recognitionCandidates, type RecognitionSurveyPolicy } from "./recognition-survey";
import { QUAD_SIDES, type QuadVoteBody, type QuadVoteResponse, type VoteBody, type VoteResponse } from "./schemas";
import type { ServedBattle } from "./served-battles";

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
 * Whether a vote came sooner than the voter could have watched the shortest clip once (then it is
 * kept but flagged TOO_FAST_REASON). What a clip shows is its delivered rendition, cut to the
 * prompt's one length (lib/media/delivery-format.ts), or its source where that is shorter: the rest
 * of a longer delivery is its last frame held. `decisionMs` is from serving to the vote.
 */
export function votedTooFast(
  decisionMs: number,
  clips: readonly Pick<ClipFacts, "durationMs" | "deliveredLengthMs">[],
): boolean {
  return decisionMs < Math.min(...clips.map((clip) => Math.min(clip.durationMs, clip.deliveredLengthMs)));
}

/**
 * Records the one vote a battle accepts and reveals its models (on a check battle, the same model
 * twice, which side was degraded and whether the vote passed: lib/arena/check-battles.ts).
 * Every check is refused and accepted exactly as any battle is. The battle must be open to this
 * voter (openBattleOrThrow: battle_not_found, not_your_battle, already_voted, battle_skipped,
 * battle_expired). Tags may carry marked times (lib/arena/failure-marks.ts: a time past a clip's
 * delivered length is a 400 and nothing is written). A vote sooner than the shorter clip could play once is kept but flagged (votedTooFast). Concurrent duplicates are stopped by the
 * unique battleId and a concurrent skip by the battle row the vote claims (VoteWriter): both 409.
 * A blind vote the survey policy picks carries `survey` (the candidates), read after the vote is
 * committed, so the survey never delays or endangers the vote itself.
 */
export async function castVote(store: ArenaStore, input: CastVoteInput): Promise<VoteResponse> {
  const { db, served, votes } = store;
  const now = input.now ?? new Date();
  const battle = await openBattleOrThrow(store, input.battleId, input.voterSessionId, now);
  if (battle.size !== 2)
    throw wrongVoteShape("outcome", "This battle shows four clips: name the best and the worst, or all_bad.");
  const {
    clips: [left, right],
  } = await store.cache.lookUpClips(db, [battle.leftClipId, battle.rightClipId]);
  if (!left || !right) throw new Error("a battle without its clips");

  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = votedTooFast(decisionMs, [left, right]);
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

/** A vote body of the other battle size: 400 `invalid_request` naming the field, before anything is written. */
function wrongVoteShape(field: string, message: string): DomainError {
  return new DomainError("invalid_request", `${field}: ${message}`, { field, issue: "wrong_battle_size" });
}

export interface CastQuadVoteInput extends Omit<CastVoteInput, "body" | "survey"> {
  body: QuadVoteBody;
}

/** The clip ids of a quad battle's sides a to d. */
function quadClipIds(battle: ServedBattle): [string, string, string, string] {
  if (battle.size !== 4 || !battle.clipCId || !battle.clipDId) throw new Error("a quad battle without four clips");
  return [battle.leftClipId, battle.rightClipId, battle.clipCId, battle.clipDId];
}

/**
 * Records the vote of a quad battle (issue 32) and reveals its four models, by side in shown
 * order. The same rules as a pair's vote (castVote): the battle must be open to this voter
 * (openBattleOrThrow), tags' times are checked against each side's delivered length, a vote sooner
 * than the shortest clip is kept but flagged too_fast, and concurrent duplicates and skips are
 * refused by VoteWriter (409). A pair battle refuses a quad body (400 naming `best`, or `outcome`
 * for all_bad); the body itself (best ≠ worst, sides a to d) was checked by quadVoteBodySchema.
 * No recognition survey (its answers are scored against a pair's two models).
 */
export async function castQuadVote(store: ArenaStore, input: CastQuadVoteInput): Promise<QuadVoteResponse> {
  const { db, served, votes } = store;
  const now = input.now ?? new Date();
  const battle = await openBattleOrThrow(store, input.battleId, input.voterSessionId, now);
  if (battle.size !== 4) {
    const field = input.body.best !== undefined ? "best" : input.body.worst !== undefined ? "worst" : "outcome";
    throw wrongVoteShape(field, "This battle shows two clips: vote left, right, tie or both_bad.");
  }
  const { clips } = await store.cache.lookUpClips(db, quadClipIds(battle));
  const [a, b, c, d] = clips as [ClipFacts, ClipFacts, ClipFacts, ClipFacts];
  const decisionMs = Math.max(0, now.getTime() - battle.servedAt.getTime());
  const flagged = votedTooFast(decisionMs, clips);
  const tags = marksOf(input.body.tags, {
    a: a.deliveredLengthMs,
    b: b.deliveredLengthMs,
    c: c.deliveredLengthMs,
    d: d.deliveredLengthMs,
  });
  const langs = new Set(clips.map((clip) => clip.promptLang));
  const result = await votes.write({
    battleId: input.battleId,
    kind: battle.kind,
    promptId: battle.promptId,
    leftModelId: a.modelId,
    rightModelId: b.modelId,
    voterSessionId: battle.voterSessionId,
    outcome: input.body.outcome === "all_bad" ? "all_bad" : "best_worst",
    promptLang: langs.size === 1 ? a.promptLang : null,
    decisionMs,
    flagged,
    flagReason: flagged ? TOO_FAST_REASON : null,
    createdAt: now,
    tags: [],
    quad: {
      modelCId: c.modelId,
      modelDId: d.modelId,
      best: input.body.best ?? null,
      worst: input.body.worst ?? null,
      tags,
    },
  });
  served.forget(input.battleId);
  if (result === "duplicate") throw alreadyVoted();
  if (result === "skipped") throw battleSkipped();
  return {
    size: 4,
    models: clips.map((clip, side) => ({
      side: QUAD_SIDES[side] as (typeof QUAD_SIDES)[number],
      slug: clip.modelSlug,
      name: clip.modelName,
      placeholderOnly: clip.modelPlaceholderOnly,
      heldLastFrameMs: clip.heldLastFrameMs,
    })),
    flagged,
  };
}
