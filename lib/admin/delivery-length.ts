import type { ArenaCache } from "../arena/arena-cache";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { recordAudit } from "../audit";
import { type DeliveryFormat, deliveryFormatOf } from "../media/delivery-format";
import { isDelivered, readPromptMembers, type StoredMember } from "../media/prompt-deliveries";

/** A prompt's delivery length (issue 25, item 1) and how far its renditions are from it. */
export interface DeliveryLengthState {
  /** The operator's choice (Prompt.deliveryLengthMs), or null: the shortest clip's length. */
  chosenMs: number | null;
  /** The length every rendition is (or is to be) rendered to, in milliseconds, clamped to the clips. */
  lengthMs: number;
  shortestMs: number;
  longestMs: number;
  /** Live clips of the prompt. */
  clips: number;
  /** Live clips whose renditions are not yet in the prompt's format: `npm run media:renditions` makes them. */
  toRender: number;
}

/** The CLI that renders what a length change requires (lib/media/backfill-renditions.ts). */
export const RENDER_COMMAND = "npm run media:renditions";

/**
 * How many clips `npm run media:renditions` (backfillRenditions) would render for this prompt:
 * every clip not in the format, once a clip lacks renditions or a rendered real clip is in another
 * format. Demo placeholders keep the renditions they shipped with (backfillRenditions' rule).
 */
function membersToRender(members: readonly StoredMember[], format: DeliveryFormat): number {
  const stale =
    members.some((m) => m.renditionKey === null) ||
    members.some((m) => m.renditionFormat !== null && !isDelivered(m, format));
  return stale ? members.filter((m) => !isDelivered(m, format)).length : 0;
}

/**
 * The delivery length of a prompt and its renditions' state; null for a prompt without live clips
 * (no length to choose). A clip counts as rendered when its renditions are in the format the
 * prompt's clips and chosen length derive (lib/media/delivery-format.ts).
 */
export async function loadDeliveryLength(db: Db, promptId: string): Promise<DeliveryLengthState | null> {
  const prompt = (await readPromptMembers(db, [promptId])).get(promptId);
  if (!prompt || prompt.members.length === 0) return null;
  const format = deliveryFormatOf(prompt.members, prompt.deliveryLengthMs);
  const lengths = prompt.members.map((m) => m.durationMs);
  return {
    chosenMs: prompt.deliveryLengthMs,
    lengthMs: format.lengthMs,
    shortestMs: Math.min(...lengths),
    longestMs: Math.max(...lengths),
    clips: prompt.members.length,
    toRender: membersToRender(prompt.members, format),
  };
}

/**
 * Sets a prompt's delivery length (null: its shortest clip), audited with the reason. Nothing is
 * rendered here: transcoding every clip of the prompt is minutes of ffmpeg, never work for a
 * request. The answer says how many clips now need new renditions; `RENDER_COMMAND` makes them
 * (until then the arena keeps serving the clips' previous renditions). DomainError not_found (404)
 * for an unknown prompt.
 */
export async function setDeliveryLength(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  id: string,
  deliveryLengthMs: number | null,
  reason: string,
): Promise<{ id: string; deliveryLengthMs: number | null; toRender: number; command: string | null }> {
  await db.$transaction(async (tx) => {
    if (!(await tx.prompt.findUnique({ where: { id }, select: { id: true } })))
      throw new DomainError("not_found", "There is no such prompt.");
    await tx.prompt.update({ where: { id }, data: { deliveryLengthMs } });
    await recordAudit(tx, { actorId, action: "prompt.delivery_length", targetType: "prompt", targetId: id, reason });
  });
  arenaCache.invalidate();
  const toRender = (await loadDeliveryLength(db, id))?.toRender ?? 0;
  return { id, deliveryLengthMs, toRender, command: toRender > 0 ? RENDER_COMMAND : null };
}
