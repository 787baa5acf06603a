import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { probeMedia } from "./ffprobe";
import { RENDITION_TYPE, transcodeRenditions } from "./transcode";

export interface BackfillResult {
  /** Stored originals that got renditions (clips sharing one original count once). */
  made: number;
  /** Originals ffmpeg could not read or transcode: their clips stay unservable. */
  failed: { storageKey: string; reason: string }[];
}

/**
 * Gives every clip without a rendition (a database from before renditions existed) its delivery
 * renditions and the probe's fields: each such original is copied out of the store into a scratch
 * folder, probed, transcoded, and its renditions stored; then every clip of that original is
 * updated in one statement. A re-run finds nothing left to do. `log` hears one line per original.
 */
export async function backfillRenditions(
  db: Db,
  store: MediaStore,
  log: (line: string) => void = () => undefined,
): Promise<BackfillResult> {
  const pending = await db.clip.findMany({
    where: { renditionKey: null },
    select: { storageKey: true },
    distinct: ["storageKey"],
    orderBy: { storageKey: "asc" },
  });
  const result: BackfillResult = { made: 0, failed: [] };
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-backfill-"));
  try {
    for (const [i, { storageKey }] of pending.entries()) {
      const started = Date.now();
      try {
        const original = path.join(work, `original${path.extname(storageKey)}`);
        await copyOut(store, storageKey, original);
        const probe = await probeMedia(original);
        if (!probe) throw new Error("ffprobe cannot read it");
        const files = await transcodeRenditions(original, probe.hasAudio, work);
        const renditionKey = await store.putFile(files.silent, "clips", RENDITION_TYPE.extension, RENDITION_TYPE.mimeType);
        const soundRenditionKey = files.sound
          ? await store.putFile(files.sound, "clips", RENDITION_TYPE.extension, RENDITION_TYPE.mimeType)
          : null;
        await db.clip.updateMany({
          where: { storageKey, renditionKey: null },
          data: { renditionKey, soundRenditionKey, ...probe },
        });
        result.made += 1;
        log(`${i + 1}/${pending.length} ${storageKey}: renditions made in ${Date.now() - started} ms`);
      } catch (error) {
        const reason = (error as Error).message;
        if ((error as Error).name === "FfmpegMissingError") throw error;
        result.failed.push({ storageKey, reason });
        log(`${i + 1}/${pending.length} ${storageKey}: FAILED: ${reason}`);
      } finally {
        for (const name of await fs.promises.readdir(work)) await fs.promises.rm(path.join(work, name), { force: true });
      }
    }
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
  return result;
}

/** Copies a stored file to a local path, whichever store (local disk or S3) holds it. */
async function copyOut(store: MediaStore, key: string, target: string): Promise<void> {
  const size = await store.sizeOf(key);
  if (!size) throw new Error("the original is missing from the media store");
  const stream = await store.openRange(key, 0, size - 1);
  await pipeline(Readable.fromWeb(stream as WebReadableStream), fs.createWriteStream(target));
}
