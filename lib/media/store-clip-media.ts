import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MediaStore } from "../storage/media-store";
import { RENDITION_TYPE, transcodeRenditions } from "./transcode";

/** Storage keys of one clip's files: the original, and its delivery renditions. */
export interface ClipMediaKeys {
  /** The original as imported or uploaded (operators and archives only). */
  storageKey: string;
  /** Silent delivery rendition: what the arena serves. */
  renditionKey: string;
  /** Delivery rendition with sound; null when the clip has none. */
  soundRenditionKey: string | null;
}

/** A video file to store, with its container as sniffed from its bytes. */
export interface OriginalFile {
  path: string;
  extension: string;
  mimeType: string;
}

/**
 * Transcodes a clip's renditions (see transcodeRenditions) in a scratch folder, then puts the
 * original and the renditions into the store. All or nothing: when any step fails, the files
 * already stored are removed before the error is rethrown.
 */
export async function storeClipMedia(store: MediaStore, original: OriginalFile, hasAudio: boolean): Promise<ClipMediaKeys> {
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-rendition-"));
  const stored: string[] = [];
  const put = async (file: string, extension: string, mimeType: string) => {
    const key = await store.putFile(file, "clips", extension, mimeType);
    stored.push(key);
    return key;
  };
  try {
    const renditions = await transcodeRenditions(original.path, hasAudio, work);
    const storageKey = await put(original.path, original.extension, original.mimeType);
    const renditionKey = await put(renditions.silent, RENDITION_TYPE.extension, RENDITION_TYPE.mimeType);
    const soundRenditionKey = renditions.sound
      ? await put(renditions.sound, RENDITION_TYPE.extension, RENDITION_TYPE.mimeType)
      : null;
    return { storageKey, renditionKey, soundRenditionKey };
  } catch (error) {
    await Promise.all(stored.map((key) => store.remove(key)));
    throw error;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
