import { findBattleClipFile, findBattleImageKey, findNamedClipFile } from "../arena/media-files";
import { findPromptImage } from "../catalog/comparison";
import type { Db } from "../db/client";
import { derivePadding } from "../media/mp4-padding";
import { deriveUnlinkKey } from "../media/mp4-unlink";
import type { MediaStore } from "../storage/media-store";
import { imageMimeType } from "../storage/image-type";
import { apiHandler } from "./api-handler";
import { serveStoredFile } from "./serve-file";

/** A pair's clips are slots a and b; a quad's (issue 32) a to d. */
export const MEDIA_SLOTS = ["a", "b", "c", "d", "image"] as const;
export type MediaSlot = (typeof MEDIA_SLOTS)[number];

/** What makes one URL's bytes its own: the rewrite key of its MP4 and its padding box. */
function perUrl(secret: string, urlToken: string) {
  return { padding: derivePadding(secret, urlToken), unlinkKey: deriveUnlinkKey(secret, urlToken) };
}

/** The file behind a battle's slot: a rendition padded for this URL, or the prompt's start image. */
async function findBattleMedia(db: Db, secret: string, token: string, slot: MediaSlot) {
  if (slot === "image") {
    const key = await findBattleImageKey(db, token);
    return key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
  }
  const file = await findBattleClipFile(db, token, slot);
  return file ? { ...file, ...perUrl(secret, `battle:${token}:${slot}`) } : null;
}

/** What the media endpoints need: the database, the media store and the secret the per-URL padding derives from. */
export interface MediaContext {
  db: Db;
  store: MediaStore;
  secret: string;
}

/**
 * GET /media/{token}/{slot}: a battle's clip or start image through its opaque URL. Clips are
 * delivery renditions rewritten for this URL (filler in every H.264 sample, new sample tables and
 * header: lib/media/mp4-unlink.ts) and given a per-URL padding box, so neither the whole file's
 * size or hash nor its header links a URL to another serve of the same clip (the coded pictures
 * themselves still do: see docs/blindness.md); the URL may be cached privately. A slot that is not
 * a, b, c, d or image, or a clip slot the battle does not have (c or d of a pair), is a 404, like
 * an unknown token.
 */
export const serveBattleMedia = apiHandler({
  parse: (_request, [token, slot]: [string, string]) => ({ token, slot }),
  call: async ({ db, store, secret }: MediaContext, { token, slot }, _caller, request) => {
    const isSlot = (MEDIA_SLOTS as readonly string[]).includes(slot);
    const file = isSlot ? await findBattleMedia(db, secret, token, slot as MediaSlot) : null;
    return serveStoredFile(store, request, file, "private, max-age=3600");
  },
});

/**
 * GET /media/clips/{clipId}: a clip of a published prompt by id for the named pages, padded under
 * its own per-URL token so its bytes never equal a battle's.
 */
export const serveNamedClip = apiHandler({
  parse: (_request, [clipId]: [string]) => clipId,
  call: async ({ db, store, secret }: MediaContext, clipId, _caller, request) => {
    const file = await findNamedClipFile(db, clipId);
    const padded = file ? { ...file, ...perUrl(secret, `clip:${clipId}`) } : null;
    return serveStoredFile(store, request, padded, "public, max-age=86400");
  },
});

/** GET /media/prompts/{promptId}: a prompt's start image by prompt id for the named pages. */
export const servePromptImage = apiHandler({
  parse: (_request, [promptId]: [string]) => promptId,
  call: async ({ db, store }: Omit<MediaContext, "secret">, promptId, _caller, request) => {
    const key = await findPromptImage(db, promptId);
    const file = key ? { storageKey: key, mimeType: imageMimeType(key) } : null;
    return serveStoredFile(store, request, file, "public, max-age=86400");
  },
});
