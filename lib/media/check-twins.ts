import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { type DeliveryFormat, parseFormatKey } from "./delivery-format";
import { frameTypeOf, h264FramesOf } from "./h264-frames";
import { picturesOfAnnexB, withSamples } from "./h264-resample";
import { boxAt } from "./mp4-boxes";
import { indexMp4 } from "./mp4-unlink";
import {
  DELIVERY_CRF,
  RENDITION_TYPE,
  type RenditionFiles,
  TWIN_DEGRADATIONS,
  type TwinDegradation,
  degradedPictures,
  encodeFramesX264,
  muxTwin,
  transcodeTwin,
} from "./transcode";
import { type FrameTry, firstFrameQps, frameSizeMiss, nextFrameQps } from "./twin-frame-qps";

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
 * frame types are its size donor's (sizeDonorOf) and whose coded pictures spend the donor's bytes
 * frame by frame (codeFrameByFrame, with the x264 program; without it, logged once, per part:
 * keyframes, rate factor and film grain searched, nextTwinKnobs), with no padding,
 * so its sizes, sync samples and NAL units read like another clip of the prompt. A twin
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
  // Without the x264 program, twins are coded through ffmpeg's libx264 and matched per part.
  let x264Missing = false;
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
      const donorFile = await fs.promises.readFile(await copyOut(store, sizeDonorKey, work, "donor.mp4"));
      const withSound = clip.soundRenditionKey !== null;
      const perPart = async () => {
        const donor = videoSampleTable(donorFile);
        return codeToSize(donor, work, (knobs, dir) =>
          transcodeTwin(source, withSound, degradation, format, dir, { keyframes: donor.keyframes, ...knobs }),
        );
      };
      let files: RenditionFiles;
      if (!x264Missing) {
        try {
          files = await codeFrameByFrame({ source, withSound, degradation, format, donorFile, work });
        } catch (error) {
          if ((error as Error).name !== "X264MissingError") throw error;
          x264Missing = true;
          log(`WARNING: ${(error as Error).message}`);
          files = await perPart();
        }
      } else files = await perPart();
      const put = async (file: string) => {
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
 * The knobs of a twin's encode (transcodeTwin): x264's rate factor, the film grain's strength, the
 * first picture's quantiser and the I/P quantiser ratio of the later keyframes (null: x264's own).
 */
export interface TwinKnobs {
  crf: number;
  grain: number;
  firstKeyframeQp: number | null;
  ipratio: number | null;
}

/** One encode of a twin in the search: its knobs and its H.264 sample sizes (bytes, decode order). */
export interface TwinTry {
  knobs: TwinKnobs;
  sizes: Uint32Array;
}

/** A size donor's rendition as the search reads it (videoSampleTable). */
export interface SizeTarget {
  sizes: Uint32Array;
  keyframes: number[];
}

/** How far (as |ln(bytes / target)|) a twin's bytes between keyframes may miss its donor's: about 2%. */
export const SIZE_TOLERANCE = 0.02;
/** Encodes a twin may take at most; the closest is kept. */
export const MAX_ENCODES = 5;
/** x264's rate factors the search moves in, and the most it moves in one step. */
const CRF_RANGE = { min: 8, max: 51, step: 12 } as const;
/** The first picture's quantisers (H.264 8-bit: 0–51), the first guess (x264 codes an I picture about 3 below its rate factor). */
const QP_RANGE = { min: 0, max: 51, step: 12, guess: DELIVERY_CRF - 3 } as const;
/** x264's default I/P quantiser-scale ratio, and the range the search keeps it in (±12 quantiser steps). */
const IPRATIO = { initial: 1.4, min: 0.25, max: 4 } as const;
/** The first grain tried, and the strongest (ffmpeg's `noise` strength, 0–100). */
const FIRST_GRAIN = 4;
const MAX_GRAIN = 64;
/** Size change per rate-factor or quantiser step when two encodes do not yet tell it: x264 halves a picture's bits every +6. */
const DEFAULT_SLOPE = -Math.LN2 / 6;

/** A rendition's bytes: its first sample's, its later keyframes' together, and all the other samples' together. */
function splitSizes(sizes: Uint32Array, keyframes: readonly number[]): { first: number; laterKeyframes: number; between: number } {
  const all = sizes.reduce((sum, size) => sum + size, 0);
  const first = sizes[0] ?? 0;
  const laterKeyframes = keyframes.filter((k) => k > 0).reduce((sum, k) => sum + (sizes[k] ?? 0), 0);
  return { first, laterKeyframes, between: all - first - laterKeyframes };
}

/** ln(own / target), 0 when the target has nothing to match. */
const missOf = (own: number, target: number) => (target > 0 ? Math.log(Math.max(1, own) / target) : 0);

/**
 * How far a twin's sizes are from its donor's: the sum of |ln| of the ratios of their first
 * samples, their later keyframes' bytes and their bytes between keyframes (0 is a perfect match).
 */
export function twinSizeMiss(sizes: Uint32Array, donor: SizeTarget): number {
  const [own, want] = [splitSizes(sizes, donor.keyframes), splitSizes(donor.sizes, donor.keyframes)];
  return (["first", "laterKeyframes", "between"] as const).reduce((sum, part) => sum + Math.abs(missOf(own[part], want[part])), 0);
}

/** Secant slope of ln bytes over `x` between the last try and the latest other one `same` accepts; null when none. */
function secant(tries: readonly TwinTry[], bytes: (t: TwinTry) => number, x: (t: TwinTry) => number | null, same: (t: TwinTry) => boolean): number | null {
  const last = tries[tries.length - 1]!;
  const other = [...tries].reverse().find((t) => t !== last && same(t) && x(t) !== null && x(t) !== x(last));
  if (!other || x(last) === null) return null;
  const slope = (Math.log(Math.max(1, bytes(last))) - Math.log(Math.max(1, bytes(other)))) / (x(last)! - x(other)!);
  return Number.isFinite(slope) && slope !== 0 ? slope : null;
}

/** A step of `-miss / slope` (DEFAULT_SLOPE when the slope is unknown or of the wrong sign), at most `most` either way. */
const stepFor = (miss: number, slope: number | null, most: number) =>
  Math.max(-most, Math.min(most, -miss / (slope !== null && slope < 0 ? slope : DEFAULT_SLOPE)));

/**
 * The rate factor and grain for the bytes between keyframes. A twin more than twice too small (a
 * held or blurred picture codes to little), or with a sample under half its donor's smallest (a
 * held picture), gets film grain: FIRST_GRAIN, then moved along the secant of ln bytes over ln
 * grain, or doubled. Otherwise the rate factor moves along the secant of
 * ln bytes over rate factor at this grain. Too large at the coarsest rate factor, the grain falls.
 */
function nextRateKnobs(tries: readonly TwinTry[], donor: SizeTarget, miss: number): { crf: number; grain: number } {
  const { crf, grain } = tries[tries.length - 1]!.knobs;
  const between = (t: TwinTry) => splitSizes(t.sizes, donor.keyframes).between;
  const smallest = (sizes: Uint32Array) => sizes.reduce((least, size) => Math.min(least, size), Infinity);
  // A held picture (a freeze, a stutter's repeats) codes to a few dozen bytes, far below any
  // sample of a clip that moves: grain makes it cost bytes like a moving picture.
  const held = smallest(tries[tries.length - 1]!.sizes) < smallest(donor.sizes) / 2;
  if (((miss < -Math.LN2 || held) && grain < MAX_GRAIN) || (miss > 0 && crf >= CRF_RANGE.max && grain > 0)) {
    const slope = secant(tries, between, (t) => Math.log(t.knobs.grain), (t) => t.knobs.crf === crf && t.knobs.grain > 0);
    const wanted =
      grain === 0 ? FIRST_GRAIN : slope !== null && slope > 0 ? grain * Math.exp(-miss / slope) : miss < 0 ? grain * 2 : grain / 2;
    const next = Math.round(Math.min(MAX_GRAIN, Math.max(1, wanted)));
    if (miss < 0 || held) return { crf, grain: Math.max(next, grain + 1) };
    return { crf, grain: grain === 1 ? 0 : Math.min(next, grain - 1) };
  }
  const slope = secant(tries, between, (t) => t.knobs.crf, (t) => t.knobs.grain === grain);
  const next = Math.min(CRF_RANGE.max, Math.max(CRF_RANGE.min, crf + stepFor(miss, slope, CRF_RANGE.step)));
  return { crf: Math.round(next * 100) / 100, grain };
}

/**
 * The keyframe knobs: the first picture's quantiser along the secant of ln bytes over quantiser
 * (from QP_RANGE.guess after the first encode), and the I/P ratio along the secant of the later
 * keyframes' ln bytes over ln ratio (a ratio r raises an I picture's bits about r-fold until two
 * encodes tell).
 */
function nextKeyframeKnobs(tries: readonly TwinTry[], donor: SizeTarget): Pick<TwinKnobs, "firstKeyframeQp" | "ipratio"> {
  const last = tries[tries.length - 1]!;
  const [own, want] = [splitSizes(last.sizes, donor.keyframes), splitSizes(donor.sizes, donor.keyframes)];
  const qp = last.knobs.firstKeyframeQp ?? QP_RANGE.guess;
  const qpSlope = secant(tries, (t) => t.sizes[0]!, (t) => t.knobs.firstKeyframeQp, () => true);
  const firstKeyframeQp = Math.round(
    Math.min(QP_RANGE.max, Math.max(QP_RANGE.min, qp + stepFor(missOf(own.first, want.first), qpSlope, QP_RANGE.step))),
  );
  if (want.laterKeyframes === 0) return { firstKeyframeQp, ipratio: null };
  const ratio = last.knobs.ipratio ?? IPRATIO.initial;
  const bytes = (t: TwinTry) => splitSizes(t.sizes, donor.keyframes).laterKeyframes;
  const ratioSlope = secant(tries, bytes, (t) => Math.log(t.knobs.ipratio ?? IPRATIO.initial), () => true);
  const step = -missOf(own.laterKeyframes, want.laterKeyframes) / (ratioSlope !== null && ratioSlope > 0 ? ratioSlope : 1);
  const ipratio = Math.min(IPRATIO.max, Math.max(IPRATIO.min, ratio * Math.exp(Math.max(-1, Math.min(1, step)))));
  return { firstKeyframeQp, ipratio: Math.round(ipratio * 1000) / 1000 };
}

/**
 * The next knobs of the search for a twin whose samples spend its size donor's bytes: its first
 * picture and its later keyframes the donor's (nextKeyframeKnobs), and the samples between
 * keyframes together the donor's (rate factor and grain, nextRateKnobs), from the encodes made so
 * far (the first at DELIVERY_CRF, no grain, x264's own keyframe quantisers). Null when nothing
 * would change (each part within SIZE_TOLERANCE or its knob settled) or MAX_ENCODES are spent.
 */
export function nextTwinKnobs(tries: readonly TwinTry[], donor: SizeTarget): TwinKnobs | null {
  if (tries.length >= MAX_ENCODES) return null;
  const last = tries[tries.length - 1]!;
  const [own, want] = [splitSizes(last.sizes, donor.keyframes), splitSizes(donor.sizes, donor.keyframes)];
  const close = (part: "first" | "laterKeyframes" | "between") => Math.abs(missOf(own[part], want[part])) <= SIZE_TOLERANCE;
  const rate = close("between") ? last.knobs : nextRateKnobs(tries, donor, missOf(own.between, want.between));
  const keyframes = nextKeyframeKnobs(tries, donor);
  const next = {
    crf: rate.crf,
    grain: rate.grain,
    firstKeyframeQp: close("first") ? last.knobs.firstKeyframeQp : keyframes.firstKeyframeQp,
    ipratio: close("laterKeyframes") ? last.knobs.ipratio : keyframes.ipratio,
  };
  const same =
    Math.abs(next.crf - last.knobs.crf) < 0.01 &&
    next.grain === last.knobs.grain &&
    next.firstKeyframeQp === last.knobs.firstKeyframeQp &&
    next.ipratio === last.knobs.ipratio;
  return same ? null : next;
}

/**
 * Encodes a twin (`encode(knobs, dir)`, each encode in its own folder under `work`) until its
 * samples spend its donor's bytes (nextTwinKnobs) and returns the closest encode (twinSizeMiss).
 * A twin carries no padding: its samples hold only its own coded pictures, as every rendition's
 * do, so served it gets one per-URL filler NAL unit a sample like any clip
 * (lib/media/mp4-unlink.ts). Throws when the twin's frame count is not its donor's.
 */
async function codeToSize(
  donor: SizeTarget,
  work: string,
  encode: (knobs: TwinKnobs, dir: string) => Promise<RenditionFiles>,
): Promise<RenditionFiles> {
  const tries: (TwinTry & { files: RenditionFiles; dir: string; miss: number })[] = [];
  let best: (typeof tries)[number] | null = null;
  const first: TwinKnobs = { crf: DELIVERY_CRF, grain: 0, firstKeyframeQp: null, ipratio: null };
  for (let knobs: TwinKnobs | null = first; knobs; knobs = nextTwinKnobs(tries, donor)) {
    const dir = path.join(work, `try-${tries.length}`);
    await fs.promises.mkdir(dir);
    const files = await encode(knobs, dir);
    const sizes = videoSampleTable(await fs.promises.readFile(files.silent)).sizes;
    if (sizes.length !== donor.sizes.length)
      throw new Error(`the twin has ${sizes.length} frames, its size donor ${donor.sizes.length}`);
    const attempt = { knobs, sizes, files, dir, miss: twinSizeMiss(sizes, donor) };
    tries.push(attempt);
    const dropped: (typeof tries)[number] | null = best === null || attempt.miss < best.miss ? best : attempt;
    if (dropped !== attempt) best = attempt;
    if (dropped) await fs.promises.rm(dropped.dir, { recursive: true, force: true });
  }
  return best!.files;
}

/** The film grain (ffmpeg's `noise` strength) of a twin coded frame by frame: enough that a held picture costs bytes like a moving one over the quantisers the search moves in. */
export const FRAME_GRAIN = 16;

/**
 * Codes a twin frame by frame to its size donor (issue 31): the degraded pictures (with
 * FRAME_GRAIN) are encoded by the x264 program with every frame given the donor's frame type
 * (so its keyframes, B-pyramid and decode order are the donor's) and its own quantiser, searched
 * (lib/media/twin-frame-qps.ts) until each frame spends the donor's bytes for it; the closest
 * encode's pictures are put in the donor's MP4 in place of its own (same timestamps, composition
 * offsets, sync samples and codec configuration: the headers are checked byte for byte) and
 * stream-copied into renditions (muxTwin). No padding. Throws X264MissingError without x264, and
 * an Error when x264 did not keep the donor's frame types or wrote other parameter sets.
 */
export async function codeFrameByFrame({
  source,
  withSound,
  degradation,
  format,
  donorFile,
  work,
}: {
  source: string;
  withSound: boolean;
  degradation: TwinDegradation;
  format: DeliveryFormat;
  donorFile: Buffer;
  work: string;
}): Promise<RenditionFiles> {
  const donor = h264FramesOf(donorFile);
  const y4m = path.join(work, "degraded.y4m");
  await degradedPictures(source, degradation, format, FRAME_GRAIN, y4m);
  let best: { samples: Buffer[]; miss: number } | null = null;
  const tries: FrameTry[] = [];
  for (let qps: number[] | null = firstFrameQps(donor.types); qps; qps = nextFrameQps(tries, donor.sizes)) {
    const encoded = path.join(work, `try-${tries.length}.264`);
    const frames = donor.display.map((sample) => ({ type: donor.types[sample]!, qp: qps[sample]! }));
    await encodeFramesX264(y4m, format, frames, encoded);
    const { samples, parameterSets } = picturesOfAnnexB(await fs.promises.readFile(encoded));
    await fs.promises.rm(encoded, { force: true });
    if (samples.length !== donor.sizes.length) throw new Error(`x264 coded ${samples.length} pictures, the size donor has ${donor.sizes.length}`);
    if (samples.some((sample, i) => frameTypeOf(sample) !== donor.types[i])) throw new Error("x264 did not keep the size donor's frame types");
    const sameSets = parameterSets.length === donor.parameterSets.length && parameterSets.every((set, i) => set.equals(donor.parameterSets[i]!));
    if (!sameSets) throw new Error("x264 wrote other parameter sets (SPS, PPS) than the renditions'");
    const sizes = Uint32Array.from(samples, (sample) => sample.length);
    tries.push({ qps, sizes });
    const miss = frameSizeMiss(sizes, donor.sizes);
    if (best === null || miss < best.miss) best = { samples, miss };
  }
  const video = path.join(work, "twin-video.mp4");
  await fs.promises.writeFile(video, withSamples(donorFile, best!.samples));
  await fs.promises.rm(y4m, { force: true });
  return muxTwin(video, source, withSound, degradation, work);
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
