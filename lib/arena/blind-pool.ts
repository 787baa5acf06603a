/**
 * The blind pool: which prompts the arena may serve, and what a battle of a prompt plays. One home
 * for these rules (issue 25, items 2–4): the arena cache builds the pool with them, the operator
 * console explains with them why a prompt is out of it, and the tests check both against them.
 *
 * - A prompt enters the pool only while it is unpublished and at least MIN_MODELS_PER_PROMPT
 *   active models have a servable clip of it: with two, the prompt text alone names the pair to
 *   anyone who has read which models answered it.
 * - A quad battle (four clips) is served only from a pooled prompt with at least
 *   MIN_MODELS_PER_QUAD models; its length and sound are the prompt's, as a pair's are.
 * - A battle plays sound only when every servable clip of its prompt has a rendition with sound,
 *   so whether a battle has sound is a fact of the prompt, never of the pair drawn (the issue's
 *   "Veo 2 against Veo 3 is the only battle with sound" channel).
 * - A battle announces one length, the prompt's delivery length (Prompt.deliveryLengthMs, the
 *   length every rendition of the prompt is rendered to; by default its shortest clip), never one
 *   per side.
 */

/** Fewest distinct models with a servable clip that a prompt needs to enter the blind pool. */
export const MIN_MODELS_PER_PROMPT = 3;

/**
 * Fewest distinct models with a servable clip that a pooled prompt needs to serve a quad battle
 * (issue 32: four clips from four different models); a prompt with fewer serves only pairs.
 */
export const MIN_MODELS_PER_QUAD = 4;

/** Whether a pooled prompt with these servable clips can serve a quad battle. */
export function servesQuads(clips: readonly Pick<PoolClip, "modelId">[]): boolean {
  return new Set(clips.map((clip) => clip.modelId)).size >= MIN_MODELS_PER_QUAD;
}

/** What the pool rules read of a servable clip. */
export interface PoolClip {
  modelId: string;
  durationMs: number;
  /** Whether the clip has a delivery rendition with sound (Clip.soundRenditionKey). */
  hasSoundRendition: boolean;
}

/** Why a prompt is not in the blind pool; null when it is. */
export type PoolExclusion = { reason: "published" } | { reason: "too_few_models"; models: number; needed: number };

/**
 * Whether a prompt with these servable clips is in the blind pool, and if not, why.
 * `publishedAt` is the prompt's publication time (null while unpublished).
 */
export function poolExclusion(
  publishedAt: Date | null,
  clips: readonly Pick<PoolClip, "modelId">[],
): PoolExclusion | null {
  if (publishedAt) return { reason: "published" };
  const models = new Set(clips.map((clip) => clip.modelId)).size;
  return models < MIN_MODELS_PER_PROMPT ? { reason: "too_few_models", models, needed: MIN_MODELS_PER_PROMPT } : null;
}

/** What every battle of a pooled prompt shows before the vote, whichever pair is drawn. */
export interface PromptPlayback {
  /** Length announced for the battle, in milliseconds: the prompt's delivery length. */
  durationMs: number;
  /** True only when every servable clip of the prompt has a rendition with sound. */
  withSound: boolean;
}

/**
 * The playback facts of a prompt from all its servable clips (never from the two drawn), so they
 * are equal for every pair the prompt can serve. `deliveryLengthMs` is the operator's choice
 * (Prompt.deliveryLengthMs), clamped to the clips' lengths as the renditions are; null means the
 * shortest clip. Throws on an empty list: a pooled prompt has clips.
 */
export function promptPlayback(clips: readonly PoolClip[], deliveryLengthMs: number | null = null): PromptPlayback {
  if (clips.length === 0) throw new Error("a prompt in the pool has clips");
  const lengths = clips.map((clip) => clip.durationMs);
  const shortest = Math.min(...lengths);
  return {
    durationMs: Math.min(Math.max(deliveryLengthMs ?? shortest, shortest), Math.max(...lengths)),
    withSound: clips.every((clip) => clip.hasSoundRendition),
  };
}
