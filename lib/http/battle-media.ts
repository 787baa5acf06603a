import { findBattleClipFile, findBattleImageKey, findNamedClipFile } from "../arena/media-files";
import { findPromptImage } from "../catalog/comparison";
import type { Db } from "../db/client";
import { derivePadding } from "../media/mp4-padding";
import type { MediaStore } from "../storage/media-store";
import { imageMimeType } from "../storage/image-type";
import { respond } from "./errors";
import { serveStoredFile } from "./serve-file";

export const MEDIA_SLOTS = ["a", "b", "image"] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

/** The file behind a battle's slot: a rendition padded for this URL, or the prompt's start image. */
async function findBattleMedia(db: Db, secret: string, token: string, slot: MediaSlot) {
  if (slot === "image") {
    const key = await findBattleImageKey(db, token);
    return key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
  }
  const file = await findBattleClipFile(db, token, slot);
  return file ? { ...file, padding: derivePadding(secret, `battle:${token}:${slot}`) } : null;
}

/**
 * Serves a battle's clip or start image through its opaque URL. Clips are delivery renditions
 * with a per-URL padding box, so no size, hash or Range total links a URL to another serve of the
 * same clip; the URL may therefore be cached privately.
 */
export async function serveBattleMedia(
  db: Db,
  store: MediaStore,
  secret: string,
  request: Request,
  token: string,
  slot: string,
): Promise<Response> {
  return respond(async () => {
    const isSlot = (MEDIA_SLOTS as readonly string[]).includes(slot);
    const file = isSlot ? await findBattleMedia(db, secret, token, slot as MediaSlot) : null;
    return serveStoredFile(store, request, file, "private, max-age=3600");
  });
}

/**
 * Serves a clip of a published prompt by id for the named pages, padded under its own per-URL
 * token so its bytes never equal a battle's.
 */
export async function serveNamedClip(
  db: Db,
  store: MediaStore,
  secret: string,
  request: Request,
  clipId: string,
): Promise<Response> {
  return respond(async () => {
    const file = await findNamedClipFile(db, clipId);
    const padded = file ? { ...file, padding: derivePadding(secret, `clip:${clipId}`) } : null;
    return serveStoredFile(store, request, padded, "public, max-age=86400");
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
