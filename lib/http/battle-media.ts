import { findPromptImage } from "../catalog/comparison";
import type { Db } from "../db/client";
import { respond } from "./errors";
import { serveStoredFile } from "./serve-file";
import { imageMimeType } from "../storage/image-type";
import type { MediaStore } from "../storage/media-store";

export const MEDIA_SLOTS = ["a", "b", "image"] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

const CLIP_FILE = { select: { storageKey: true, mimeType: true, hidden: true } } as const;

/** The stored file behind a battle's slot, or null for an unknown token or slot or a hidden clip. */
async function findBattleMedia(db: Db, token: string, slot: MediaSlot) {
  const battle = await db.battle.findUnique({
    where: { token },
    select: { leftClip: CLIP_FILE, rightClip: CLIP_FILE, prompt: { select: { imageKey: true } } },
  });
  if (!battle) return null;
  if (slot === "a" || slot === "b") {
    const clip = slot === "a" ? battle.leftClip : battle.rightClip;
    return clip.hidden ? null : clip;
  }
  const key = battle.prompt.imageKey;
  return key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
}

/**
 * Serves a battle's clip or start image through its opaque URL. The URL is unique to the battle,
 * so it may be cached privately without linking a clip to a model across battles.
 */
export async function serveBattleMedia(
  db: Db,
  store: MediaStore,
  request: Request,
  token: string,
  slot: string,
): Promise<Response> {
  return respond(async () => {
    const isSlot = (MEDIA_SLOTS as readonly string[]).includes(slot);
    const file = isSlot ? await findBattleMedia(db, token, slot as MediaSlot) : null;
    return serveStoredFile(store, request, file, "private, max-age=3600");
  });
}

/** Serves a clip by id for the named pages (compare, model pages), where models are shown anyway. */
export async function serveNamedClip(db: Db, store: MediaStore, request: Request, clipId: string): Promise<Response> {
  return respond(async () => {
    const clip = await db.clip.findFirst({
      where: { id: clipId, hidden: false },
      select: { storageKey: true, mimeType: true },
    });
    return serveStoredFile(store, request, clip, "public, max-age=86400");
  });
}

/** Serves a prompt's start image by prompt id for the named pages. */
export async function servePromptImage(
  db: Db,
  store: MediaStore,
  request: Request,
  promptId: string,
): Promise<Response> {
  return respond(async () => {
    const key = await findPromptImage(db, promptId);
    const file = key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
    return serveStoredFile(store, request, file, "public, max-age=86400");
  });
}
