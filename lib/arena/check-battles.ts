import type { Random } from "../random";
import type { SampledBattle } from "./sampler";

/**
 * Known-answer (check) battles, issue 31. A share of blind battles pairs a clip with its own
 * degraded twin (lib/media/check-twins.ts: frozen, stuttering or blurred), whose inferiority is
 * obvious to anyone who watches. Before the vote a check is served exactly like any battle (same
 * JSON, same URLs, renditions of the same format, unlinked per URL); the reveal says it was a
 * check. Its vote never counts (lib/counted-vote.ts) and scores the voter's care instead
 * (lib/integrity/check-scoring.ts).
 */

/** Default share of battles that are checks: 1 in this many (CHECK_BATTLE_EVERY). */
export const DEFAULT_CHECK_EVERY = 25;

/** A check to serve: both sides are `clipId`; `twinSide` plays the twin `twinId` instead. */
export interface CheckChoice {
  clipId: string;
  twinId: string;
  twinSide: "left" | "right";
}

/**
 * Whether the battle the sampler drew becomes a check, and of which clip. Only clips with a usable
 * twin (`twinOf`: clip id → twin id, in the prompt's delivery format and with sound when the
 * battle has sound) can; when neither has one the battle stays real and nothing is drawn from
 * `random`. Otherwise a check with probability 1 / `every` (0: never), of either twinned clip
 * uniformly, the twin on a side drawn by a fair coin. The prompt is the sampler's own draw, so
 * checks follow the prompt mix of real battles.
 */
export function pickCheckBattle(
  sampled: SampledBattle,
  twinOf: ReadonlyMap<string, string> | undefined,
  every: number,
  random: Random,
): CheckChoice | null {
  if (every <= 0 || !twinOf) return null;
  const twinned = [sampled.left.id, sampled.right.id].filter((id) => twinOf.has(id));
  if (twinned.length === 0) return null;
  if (random() * every >= 1) return null;
  const clipId = twinned[Math.min(twinned.length - 1, Math.floor(random() * twinned.length))] as string;
  return { clipId, twinId: twinOf.get(clipId) as string, twinSide: random() < 0.5 ? "left" : "right" };
}

/** A check is passed by choosing the original (the side without the twin); tie and both-bad fail. */
export function passesCheck(outcome: "left" | "right" | "tie" | "both_bad", twinSide: "left" | "right"): boolean {
  return outcome === (twinSide === "left" ? "right" : "left");
}
