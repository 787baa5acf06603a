import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { parseFormatKey } from "./delivery-format";
import { RENDITION_TYPE, TWIN_DEGRADATIONS, type TwinDegradation, transcodeTwin } from "./transcode";

/** What makeCheckTwins did. */
export interface CheckTwinResult {
  /** Twins rendered (new, or again for a clip whose delivery format changed). */
  made: number;
  /** Clips ffmpeg could not make a twin of: they simply get no check battles. */
  failed: { clipId: string; reason: string }[];
}

/**
 * The degradation a clip's twin gets: one of TWIN_DEGRADATIONS, fixed by the clip's id (a hash,
 * so the kinds spread evenly over the catalogue and a re-run picks the same one).
 */
export function degradationOf(clipId: string): TwinDegradation {
  const byte = createHash("sha256").update(clipId).digest()[0] as number;
  return TWIN_DEGRADATIONS[byte % TWIN_DEGRADATIONS.length] as TwinDegradation;
}

/**
 * Makes the check twin (issue 31) of every live, real (not placeholder) clip whose delivery
 * rendition exists and that has no twin in its current delivery format: a degraded copy of the
 * rendition (lib/media/transcode.ts transcodeTwin), with sound when the clip has a sound rendition.
 * A twin whose format went stale is rendered again in place and its old files removed. `clipIds`
 * narrows it to some clips (an import's). Needs ffmpeg: throws FfmpegMissingError when it is not
 * installed; any other failure of one clip is recorded and the others go on. Re-running finds
 * nothing to do. `log` hears one line per clip.
 */
export async function makeCheckTwins(
  db: Db,
  store: MediaStore,
  { clipIds, log = () => undefined }: { clipIds?: readonly string[]; log?: (line: string) => void } = {},
): Promise<CheckTwinResult> {
  const clips = await db.clip.findMany({
    where: {
      retiredAt: null,
      placeholder: false,
      renditionKey: { not: null },
      renditionFormat: { not: null },
      ...(clipIds ? { id: { in: [...clipIds] } } : {}),
    },
    select: {
      id: true,
      renditionKey: true,
      soundRenditionKey: true,
      renditionFormat: true,
      checkTwins: { select: { id: true, degradation: true, renditionFormat: true, renditionKey: true, soundRenditionKey: true } },
    },
    orderBy: { id: "asc" },
  });
  const pending = clips.filter((clip) => !clip.checkTwins.some((twin) => twin.renditionFormat === clip.renditionFormat));
  const result: CheckTwinResult = { made: 0, failed: [] };
  for (const [i, clip] of pending.entries()) {
    const format = parseFormatKey(clip.renditionFormat as string);
    if (!format) continue;
    const degradation = degradationOf(clip.id);
    const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-twin-"));
    const stored: string[] = [];
    try {
      const sourceKey = clip.soundRenditionKey ?? clip.renditionKey;
      const source = await copyOut(store, sourceKey as string, work);
      const files = await transcodeTwin(source, clip.soundRenditionKey !== null, degradation, format, work);
      const put = async (file: string) => {
        const key = await store.putFile(file, "clips", RENDITION_TYPE.extension, RENDITION_TYPE.mimeType);
        stored.push(key);
        return key;
      };
      const data = {
        renditionKey: await put(files.silent),
        soundRenditionKey: files.sound ? await put(files.sound) : null,
        renditionFormat: clip.renditionFormat as string,
      };
      const previous = clip.checkTwins.find((twin) => twin.degradation === degradation);
      await db.checkTwin.upsert({
        where: { clipId_degradation: { clipId: clip.id, degradation } },
        create: { clipId: clip.id, degradation, ...data },
        update: data,
      });
      stored.length = 0;
      if (previous) {
        const keys = [previous.renditionKey, previous.soundRenditionKey].filter((key): key is string => key !== null);
        await Promise.all(keys.map((key) => store.remove(key)));
      }
      result.made += 1;
      log(`${i + 1}/${pending.length} clip ${clip.id}: ${degradation} twin made`);
    } catch (error) {
      await Promise.all(stored.map((key) => store.remove(key)));
      if ((error as Error).name === "FfmpegMissingError") throw error;
      result.failed.push({ clipId: clip.id, reason: (error as Error).message });
      log(`${i + 1}/${pending.length} clip ${clip.id}: twin FAILED: ${(error as Error).message}`);
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true });
    }
  }
  return result;
}

/** Copies a stored rendition to a local file in `dir`, whichever store (local disk or S3) holds it. */
async function copyOut(store: MediaStore, key: string, dir: string): Promise<string> {
  const size = await store.sizeOf(key);
  if (!size) throw new Error(`${key}: the rendition is missing from the media store`);
  const target = path.join(dir, "rendition.mp4");
  const stream = await store.openRange(key, 0, size - 1);
  await pipeline(Readable.fromWeb(stream as WebReadableStream), fs.createWriteStream(target));
  return target;
}
