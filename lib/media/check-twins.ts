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
import { boxAt } from "./mp4-boxes";
import { assembleUnlinked, indexMp4, planSampleSizeLayout } from "./mp4-unlink";
import {
  DELIVERY_CRF,
  RENDITION_TYPE,
  type RenditionFiles,
  TWIN_DEGRADATIONS,
  type TwinDegradation,
  transcodeTwin,
} from "./transcode";

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
 * The clip whose delivery rendition a clip's twin takes its sample sizes from: another live clip
 * of the prompt in the same delivery format, chosen by rendezvous hashing (the highest
 * SHA-256 of the two ids, so a clip added to or retired from the prompt changes the donor of few
 * clips); null when `candidates` (the prompt's clips in that format) hold no other clip, and the
 * clip is then its own donor. A check of the clip then reads, by its sizes, like a real battle of
 * the clip against its donor.
 */
export function sizeDonorOf<C extends { id: string }>(clipId: string, candidates: readonly C[]): C | null {
  const weight = (other: C) => createHash("sha256").update(`${clipId}\0${other.id}`).digest("hex");
  const others = candidates.filter((other) => other.id !== clipId);
  return others.reduce<C | null>((best, other) => (best === null || weight(other) > weight(best) ? other : best), null);
}

/**
 * Makes the check twin (issue 31) of every live, real (not placeholder) clip whose delivery
 * rendition exists and that has no current twin: a degraded copy of the rendition
 * (lib/media/transcode.ts transcodeTwin), with sound when the clip has a sound rendition, whose
 * video samples are then padded with filler NAL units to the sizes of its size donor's rendition
 * (sizeDonorOf, mp4-unlink.ts planSampleSizeLayout) and whose keyframes are the donor's, so its
 * total size, sample-size table and sync-sample table read like another clip of the prompt. A twin
 * is current while its delivery format is the clip's and its `sizeDonorKey` is the donor's
 * rendition; a stale one (format changed, donor changed, or made before sizes were matched) is
 * rendered again in place and its old files removed. Needs ffmpeg: throws FfmpegMissingError when
 * it is not installed; any other failure of one clip is recorded and the others go on.
 * Re-running finds nothing to do. `clipIds` narrows it to some clips; `log` hears one line per clip.
 */
export async function makeCheckTwins(
  db: Db,
  store: MediaStore,
  { clipIds, log = () => undefined }: { clipIds?: readonly string[]; log?: (line: string) => void } = {},
): Promise<CheckTwinResult> {
  const rendered = { retiredAt: null, renditionKey: { not: null }, renditionFormat: { not: null } };
  const clips = await db.clip.findMany({
    where: { ...rendered, placeholder: false, ...(clipIds ? { id: { in: [...clipIds] } } : {}) },
    select: {
      id: true,
      promptId: true,
      renditionKey: true,
      soundRenditionKey: true,
      renditionFormat: true,
      checkTwins: {
        select: { id: true, degradation: true, renditionFormat: true, renditionKey: true, soundRenditionKey: true, sizeDonorKey: true },
      },
    },
    orderBy: { id: "asc" },
  });
  const candidates = await db.clip.findMany({
    where: { ...rendered, promptId: { in: [...new Set(clips.map((clip) => clip.promptId))] } },
    select: { id: true, promptId: true, renditionKey: true, renditionFormat: true },
  });
  const donorOf = (clip: (typeof clips)[number]) => {
    const same = candidates.filter((other) => other.promptId === clip.promptId && other.renditionFormat === clip.renditionFormat);
    return (sizeDonorOf(clip.id, same) ?? clip).renditionKey as string;
  };
  const pending = clips.filter(
    (clip) =>
      !clip.checkTwins.some((twin) => twin.renditionFormat === clip.renditionFormat && twin.sizeDonorKey === donorOf(clip)),
  );
  const result: CheckTwinResult = { made: 0, failed: [] };
  for (const [i, clip] of pending.entries()) {
    const format = parseFormatKey(clip.renditionFormat as string);
    if (!format) continue;
    const degradation = degradationOf(clip.id);
    const sizeDonorKey = donorOf(clip);
    const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-twin-"));
    const stored: string[] = [];
    try {
      const sourceKey = clip.soundRenditionKey ?? clip.renditionKey;
      const source = await copyOut(store, sourceKey as string, work, "rendition.mp4");
      const donor = videoSampleTable(await fs.promises.readFile(await copyOut(store, sizeDonorKey, work, "donor.mp4")));
      const files = await codeUnder(donor, (crf) =>
        transcodeTwin(source, clip.soundRenditionKey !== null, degradation, format, work, { keyframes: donor.keyframes, crf }),
      );
      const put = async (file: string) => {
        await padSamples(file, donor.sizes);
        const key = await store.putFile(file, "clips", RENDITION_TYPE.extension, RENDITION_TYPE.mimeType);
        stored.push(key);
        return key;
      };
      const data = {
        renditionKey: await put(files.silent),
        soundRenditionKey: files.sound ? await put(files.sound) : null,
        renditionFormat: clip.renditionFormat as string,
        sizeDonorKey,
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

/** A rendition's H.264 sample sizes (bytes, in sample order) and keyframes (0-based sample numbers). */
export function videoSampleTable(file: Buffer): { sizes: Uint32Array; keyframes: number[] } {
  const index = indexMp4(file, file.length);
  if ("unsupported" in index) throw new Error(`rendition not indexable: ${index.unsupported}`);
  const track = index.tracks.find((t) => t.nalLengthSize !== null);
  if (!track) throw new Error("rendition without an H.264 track");
  const stss = boxAt(track.trak, ["mdia", "minf", "stbl", "stss"])?.payload;
  // No stss box: every sample is a sync sample (ISO/IEC 14496-12 §8.6.2).
  const keyframes = stss
    ? Array.from({ length: stss.readUInt32BE(4) }, (_, e) => stss.readUInt32BE(8 + 4 * e) - 1)
    : Array.from(track.sizes.keys());
  return { sizes: track.sizes, keyframes };
}

/**
 * The share of its donor's bytes, and of its donor's keyframe bytes, a twin's samples may exceed
 * their targets by (they stay larger).
 */
const EXCESS_SHARE = 0.01;
/** x264's coarsest constant rate factor, and the step a twin too large for its donor is coarsened by. */
const MAX_CRF = 51;
const CRF_STEP = 6;

/**
 * Encodes a twin (`encode(crf)`) at DELIVERY_CRF, then ever coarser until its video samples, and
 * its keyframes, exceed their donor's sizes by at most EXCESS_SHARE of the donor's bytes (or
 * x264's coarsest rate is reached): a
 * sample larger than its target cannot be padded down to it, and too many would pull the twin's
 * sizes towards its own clip's. A frozen or blurred picture mostly fits at once; a keyframe of a
 * detailed clip against a plain donor's needs a coarser rate.
 */
async function codeUnder(
  donor: { sizes: Uint32Array; keyframes: number[] },
  encode: (crf: number) => Promise<RenditionFiles>,
): Promise<RenditionFiles> {
  const sum = (samples: readonly number[], of: (i: number) => number) => samples.reduce((total, i) => total + of(i), 0);
  const all = Array.from(donor.sizes.keys());
  const target = (i: number) => donor.sizes[i]!;
  for (let crf = DELIVERY_CRF; ; crf = Math.min(MAX_CRF, crf + CRF_STEP)) {
    const files = await encode(crf);
    const own = videoSampleTable(await fs.promises.readFile(files.silent)).sizes;
    if (own.length !== donor.sizes.length)
      throw new Error(`the twin has ${own.length} frames, its size donor ${donor.sizes.length}`);
    const excess = (i: number) => Math.max(0, own[i]! - donor.sizes[i]!);
    const fits = (samples: readonly number[]) => sum(samples, excess) <= EXCESS_SHARE * sum(samples, target);
    if ((fits(all) && fits(donor.keyframes)) || crf === MAX_CRF) return files;
  }
}

/** Rewrites a twin file in place with its video samples padded to `sizes` (planSampleSizeLayout). */
async function padSamples(file: string, sizes: Uint32Array): Promise<void> {
  const bytes = await fs.promises.readFile(file);
  const index = indexMp4(bytes, bytes.length);
  if ("unsupported" in index) throw new Error(`twin not indexable: ${index.unsupported}`);
  await fs.promises.writeFile(file, assembleUnlinked(planSampleSizeLayout(index, sizes), bytes));
}

/** Copies a stored rendition to a local file in `dir`, whichever store (local disk or S3) holds it. */
async function copyOut(store: MediaStore, key: string, dir: string, name: string): Promise<string> {
  const size = await store.sizeOf(key);
  if (!size) throw new Error(`${key}: the rendition is missing from the media store`);
  const target = path.join(dir, name);
  const stream = await store.openRange(key, 0, size - 1);
  await pipeline(Readable.fromWeb(stream as WebReadableStream), fs.createWriteStream(target));
  return target;
}
