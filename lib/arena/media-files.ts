import type { Db } from "../db/client";
import { namedClipWhere } from "../clip-visibility";

/** Delivery renditions are H.264 in MP4 for every model (issue 13), whatever the original was. */
export const RENDITION_MIME_TYPE = "video/mp4";

/** Which stored file an arena or named URL serves: a rendition key and its MIME type. */
export interface MediaFile {
  storageKey: string;
  mimeType: string;
}

const RENDITIONS = { select: { renditionKey: true, soundRenditionKey: true, hidden: true } } as const;

interface ClipRenditions {
  renditionKey: string | null;
  soundRenditionKey: string | null;
  hidden: boolean;
}

/**
 * The rendition a battle serves for one side: the one with sound only when the battle was served
 * with sound (Battle.withSound: for a blind battle, only when every servable clip of its prompt
 * has sound, lib/arena/blind-pool.ts), else the silent one. Never the original file.
 */
export function pickBattleRendition(clip: ClipRenditions, withSound: boolean): MediaFile | null {
  if (clip.hidden) return null;
  const key = withSound ? (clip.soundRenditionKey ?? clip.renditionKey) : clip.renditionKey;
  return key ? { storageKey: key, mimeType: RENDITION_MIME_TYPE } : null;
}

/**
 * The rendition behind slot `a` (left) or `b` (right) of a battle (on a check battle's twin side,
 * the twin's: lib/arena/check-battles.ts), or `c` or `d` of a quad battle (issue 32); null for an
 * unknown token or a slot the battle does not have.
 */
export async function findBattleClipFile(
  db: Db,
  token: string,
  slot: "a" | "b" | "c" | "d",
): Promise<MediaFile | null> {
  const battle = await db.battle.findUnique({
    where: { token },
    select: {
      withSound: true,
      leftClip: RENDITIONS,
      rightClip: RENDITIONS,
      clipC: RENDITIONS,
      clipD: RENDITIONS,
      checkTwinSide: true,
      checkTwin: { select: { renditionKey: true, soundRenditionKey: true } },
    },
  });
  if (!battle) return null;
  if (slot === "c" || slot === "d") {
    const clip = slot === "c" ? battle.clipC : battle.clipD;
    return clip ? pickBattleRendition(clip, battle.withSound) : null;
  }
  const side = slot === "a" ? "left" : "right";
  const clip = side === "left" ? battle.leftClip : battle.rightClip;
  // A check battle's twin side plays the twin's rendition of the same kind, under the clip's own
  // rules (a hidden clip's twin is not served either).
  if (battle.checkTwinSide === side && battle.checkTwin)
    return pickBattleRendition({ ...battle.checkTwin, hidden: clip.hidden }, battle.withSound);
  return pickBattleRendition(clip, battle.withSound);
}

/** The start image of a battle's prompt, as its stored key; null when it has none. */
export async function findBattleImageKey(db: Db, token: string): Promise<string | null> {
  const battle = await db.battle.findUnique({ where: { token }, select: { prompt: { select: { imageKey: true } } } });
  return battle?.prompt.imageKey ?? null;
}

/**
 * The rendition a named page serves for a clip (with sound when it has some), only for a visible
 * clip of a PUBLISHED prompt: clips still in the blind pool have no named URL at all.
 */
export async function findNamedClipFile(db: Db, clipId: string): Promise<MediaFile | null> {
  const clip = await db.clip.findFirst({
    where: { AND: [namedClipWhere(), { id: clipId }] },
    select: { renditionKey: true, soundRenditionKey: true },
  });
  const key = clip?.soundRenditionKey ?? clip?.renditionKey;
  return key ? { storageKey: key, mimeType: RENDITION_MIME_TYPE } : null;
}
