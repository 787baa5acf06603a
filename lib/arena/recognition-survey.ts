import { createHmac } from "node:crypto";
import { DomainError, fieldError } from "../errors";
import type { ArenaStore } from "./arena-store";
import type { RecognitionBody, RecognitionResponse } from "./schemas";

/**
 * The recognition survey (issue 25, item 7: measured blindness). After 1 in `every` blind votes
 * the voter is asked, before the reveal and optionally, whether they recognised either model and
 * which. The vote is stored first; the answer is a second small write on the same Vote row
 * (recognitionAnsweredAt, recognisedModelId, recognitionCandidates, recognisedCorrectly). The
 * published identification rates (lib/ratings/recognition-rates.ts) compare each model's rate
 * with chance, 1 / the number of candidates offered.
 */

/** The operator's survey share: ask after 1 in `every` blind votes; 0 never asks (RECOGNITION_SURVEY_EVERY). */
export interface RecognitionSurveyPolicy {
  every: number;
  /** Keys the choice of battles, so a voter cannot tell in advance which votes will be asked. */
  secret: string;
}

/**
 * Whether the vote on `battleId` asks the survey: an HMAC of the battle id under the secret,
 * taken modulo `every`, so the choice is fixed per battle (the answer endpoint re-derives it and
 * needs nothing stored), uniform, and unknown to a voter without the secret.
 */
export function asksRecognitionSurvey(policy: RecognitionSurveyPolicy, battleId: string): boolean {
  if (policy.every <= 0) return false;
  if (policy.every === 1) return true;
  const digest = createHmac("sha256", policy.secret).update(`recognition-survey\u0000${battleId}`).digest();
  return digest.readUInt32BE(0) % policy.every === 0;
}

/** A model the survey offers. */
export interface RecognitionCandidate {
  id: string;
  slug: string;
  name: string;
}

/**
 * The models the survey offers for a prompt, sorted by name: the models of the prompt's blind
 * pool (every model whose clip this battle could have drawn), or, when the prompt has left the
 * pool since, every active model (a free pick). Chance of naming a given model is 1 / their count.
 */
export async function recognitionCandidates(store: ArenaStore, promptId: string): Promise<RecognitionCandidate[]> {
  const pool = await store.cache.loadServablePrompts(store.db, undefined);
  const prompt = pool.find((entry) => entry.id === promptId);
  const ids = prompt ? [...new Set(prompt.clips.map((clip) => clip.modelId))] : null;
  return store.db.model.findMany({
    where: ids ? { id: { in: ids } } : { active: true },
    select: { id: true, slug: true, name: true },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
  });
}

export interface AnswerRecognitionInput {
  battleId: string;
  voterSessionId: string;
  body: RecognitionBody;
  policy: RecognitionSurveyPolicy;
  now?: Date;
}

/**
 * Stores a voter's survey answer on their vote: `body.model` is the slug of the model they
 * recognised, or null for "neither". Refuses, writing nothing: no vote of this voter on the battle
 * (404 `vote_not_found`, also for another voter's battle), a vote the survey did not ask about
 * (400 `recognition_not_asked`), a model the survey did not offer (400
 * `recognition_model_unknown`, field `model`), a second answer (409 `recognition_answered`).
 */
export async function answerRecognitionSurvey(
  store: ArenaStore,
  input: AnswerRecognitionInput,
): Promise<RecognitionResponse> {
  const vote = await store.db.vote.findUnique({
    where: { battleId: input.battleId },
    select: {
      id: true,
      kind: true,
      size: true,
      promptId: true,
      voterSessionId: true,
      leftModelId: true,
      rightModelId: true,
    },
  });
  if (!vote || vote.voterSessionId !== input.voterSessionId) {
    throw new DomainError("vote_not_found", "You have not voted on this battle.");
  }
  // A quad vote (issue 32) is never asked: its answer would be scored against two of four models.
  if (vote.kind !== "anonymous" || vote.size !== 2 || !asksRecognitionSurvey(input.policy, input.battleId)) {
    throw new DomainError("recognition_not_asked", "The recognition survey was not asked for this vote.");
  }
  const candidates = await recognitionCandidates(store, vote.promptId);
  const named = input.body.model === null ? null : candidates.find((model) => model.slug === input.body.model);
  if (named === undefined) {
    throw fieldError(
      `"${input.body.model}" is not one of the models the survey offered.`,
      { field: "model", issue: "invalid_value" },
      "recognition_model_unknown",
    );
  }
  const { count } = await store.db.vote.updateMany({
    where: { id: vote.id, recognitionAnsweredAt: null },
    data: {
      recognitionAnsweredAt: input.now ?? new Date(),
      recognisedModelId: named?.id ?? null,
      recognitionCandidates: candidates.length,
      recognisedCorrectly: named !== null && (named.id === vote.leftModelId || named.id === vote.rightModelId),
    },
  });
  if (count === 0) throw new DomainError("recognition_answered", "This vote's survey is already answered.");
  return { recorded: true };
}
