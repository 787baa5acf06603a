import type { Db } from "../db/client";
import { serveStoredFile } from "../http/serve-file";
import { derivePadding } from "../media/mp4-padding";
import type { MediaStore } from "../storage/media-store";
import { findBattleClipFile, findBattleImageKey, findNamedClipFile } from "./media-files";

export const MEDIA_SLOTS = ["a", "b", "image"] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** The MIME type of a stored start image, from the extension the app itself gave its key. */
export function imageMimeType(key: string): string {
  return IMAGE_TYPES[key.split(".").pop() ?? ""] ?? "application/octet-stream";
}

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
  const isSlot = (MEDIA_SLOTS as readonly string[]).includes(slot);
  const file = isSlot ? await findBattleMedia(db, secret, token, slot as MediaSlot) : null;
  return serveStoredFile(store, request, file, "private, max-age=3600");
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
  const file = await findNamedClipFile(db, clipId);
  const padded = file ? { ...file, padding: derivePadding(secret, `clip:${clipId}`) } : null;
  return serveStoredFile(store, request, padded, "public, max-age=86400");
}
