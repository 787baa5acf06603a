import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { type ClipFacts, type DeliveryFormat, formatKeyOf, heldLastFrameMsOf } from "./delivery-format";
import { FFMPEG_JOBS, mapConcurrently } from "./map-concurrently";
import { RENDITION_TYPE, TranscodeError, transcodeRenditions } from "./transcode";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A live clip of a prompt as stored: its true facts and the renditions it has now. */
export interface StoredMember extends ClipFacts {
  id: string;
  modelId: string;
  storageKey: string;
  sourceHash: string | null;
  hasAudio: boolean;
  renditionKey: string | null;
  soundRenditionKey: string | null;
  renditionFormat: string | null;
  /** A demo placeholder: it keeps the renditions it shipped with until its prompt is re-rendered. */
  placeholder: boolean;
}

/** A prompt's live (not retired) clips, hidden ones included (showing one again needs no render). */
export interface PromptMembers {
  /** The operator's delivery length (Prompt.deliveryLengthMs), or null. */
  deliveryLengthMs: number | null;
  members: StoredMember[];
}

/** Reads the live clips and chosen length of each prompt, keyed by prompt id. */
export async function readPromptMembers(db: Db | Tx, promptIds: readonly string[]): Promise<Map<string, PromptMembers>> {
  const prompts = await db.prompt.findMany({
    where: { id: { in: [...promptIds] } },
    select: {
      id: true,
      deliveryLengthMs: true,
      clips: {
        where: { retiredAt: null },
        orderBy: { id: "asc" },
        select: {
          id: true,
          modelId: true,
          storageKey: true,
          sourceHash: true,
          width: true,
          height: true,
          frameRate: true,
          durationMs: true,
          hasAudio: true,
          renditionKey: true,
          soundRenditionKey: true,
          renditionFormat: true,
          placeholder: true,
        },
      },
    },
  });
  return new Map(prompts.map((p) => [p.id, { deliveryLengthMs: p.deliveryLengthMs, members: p.clips }]));
}

/** Whether a stored clip's renditions already are the prompt's format (nothing to render). */
export function isDelivered(member: Pick<StoredMember, "renditionKey" | "renditionFormat">, format: DeliveryFormat): boolean {
  return member.renditionKey !== null && member.renditionFormat === formatKeyOf(format);
}

/**
 * The members of a prompt that `npm run media:renditions` (backfillRenditions) renders in
 * `format`: none while the prompt is current; once a member has no rendition, or a rendered real
 * clip (or any clip with a recorded format) is not in `format`, every member not yet in it. Demo
 * placeholders alone never make a prompt stale: they keep the renditions they shipped with, so
 * the quick start needs no ffmpeg. One rule for the backfill and for the console's count.
 */
export function membersToRender<M extends Pick<StoredMember, "renditionKey" | "renditionFormat" | "placeholder">>(
  members: readonly M[],
  format: DeliveryFormat,
): M[] {
  const stale = members.some(
    (m) => m.renditionKey === null || ((!m.placeholder || m.renditionFormat !== null) && !isDelivered(m, format)),
  );
  return stale ? members.filter((m) => !isDelivered(m, format)) : [];
}

/** A clip ffmpeg could not render to its prompt's format; the message names it (the job's label). */
export class RenderFailedError extends Error {
  constructor(message: string, cause: TranscodeError) {
    super(message, { cause });
    this.name = "RenderFailedError";
  }
}

/** One rendition set to make: a clip's original rendered to its prompt's format. */
export interface DeliveryJob {
  /** Where the original is: a local file, or its key in the media store. */
  original: { path: string } | { storageKey: string };
  /** SHA-256 of the original; the same bytes in the same format are rendered once and shared. */
  sourceHash: string | null;
  hasAudio: boolean;
  durationMs: number;
  format: DeliveryFormat;
  /** What an error names: the manifest line and file, or the clip. */
  label: string;
}

/** The fields a Clip row takes from its rendered delivery. */
export interface RenderedDelivery {
  renditionKey: string;
  soundRenditionKey: string | null;
  renditionFormat: string;
  heldLastFrameMs: number;
}

/**
 * Renders every job (up to FFMPEG_JOBS ffmpeg processes at once) and stores the renditions.
 * Results are in the jobs' order; `log` gets one line per rendition set as it is done. Jobs with the same source hash and format share one rendition
 * set, made once, or reused from a stored clip that already has it. All or nothing: when a job
 * fails every file stored here is removed, and the error is rethrown — a TranscodeError becomes a
 * RenderFailedError naming the job's label ("<label>: ffmpeg could not make its renditions: …"); FfmpegMissingError and FfmpegInterruptedError pass unchanged.
 * The caller removes `stored` if its own later step (the database transaction) fails.
 */
export async function renderDeliveries(
  db: Db,
  store: MediaStore,
  jobs: readonly DeliveryJob[],
  { log = () => undefined }: { log?: (line: string) => void } = {},
): Promise<{ results: RenderedDelivery[]; stored: string[] }> {
  const stored: string[] = [];
  const shareKey = (job: DeliveryJob, i: number) =>
    job.sourceHash ? `${job.sourceHash}|${formatKeyOf(job.format)}` : `job:${i}`;
  const unique = new Map<string, DeliveryJob>();
  jobs.forEach((job, i) => unique.has(shareKey(job, i)) || unique.set(shareKey(job, i), job));
  const made = new Map<string, Omit<RenderedDelivery, "heldLastFrameMs">>();
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-delivery-"));
  let done = 0;
  const finished = (job: DeliveryJob, outcome: string) => {
    done += 1;
    log(`[${done}/${unique.size}] ${job.label}: ${outcome}`);
  };
  try {
    await mapConcurrently([...unique], FFMPEG_JOBS, async ([key, job], n) => {
      const renditionFormat = formatKeyOf(job.format);
      const existing = job.sourceHash
        ? await db.clip.findFirst({
            where: { sourceHash: job.sourceHash, renditionFormat, renditionKey: { not: null } },
            select: { renditionKey: true, soundRenditionKey: true },
          })
        : null;
      if (existing) {
        made.set(key, { renditionKey: existing.renditionKey as string, soundRenditionKey: existing.soundRenditionKey, renditionFormat });
        finished(job, "renditions already stored");
        return;
      }
      const dir = await fs.promises.mkdtemp(path.join(work, `${n}-`));
      try {
        const source = "path" in job.original ? job.original.path : await copyOut(store, job.original.storageKey, dir);
        const files = await transcodeRenditions(source, job.hasAudio, dir, { format: job.format }).catch((error: unknown) => {
          if (!(error instanceof TranscodeError)) throw error;
          throw new RenderFailedError(`${job.label}: ffmpeg could not make its renditions: ${error.message}`, error);
        });
        const put = async (file: string) => {
          const stored_ = await store.putFile(file, "clips", RENDITION_TYPE.extension, RENDITION_TYPE.mimeType);
          stored.push(stored_);
          return stored_;
        };
        const renditionKey = await put(files.silent);
        const soundRenditionKey = files.sound ? await put(files.sound) : null;
        made.set(key, { renditionKey, soundRenditionKey, renditionFormat });
        finished(job, "rendered");
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    });
  } catch (error) {
    await Promise.all(stored.map((key) => store.remove(key)));
    throw error;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
  const results = jobs.map((job, i) => ({
    ...(made.get(shareKey(job, i)) as Omit<RenderedDelivery, "heldLastFrameMs">),
    heldLastFrameMs: heldLastFrameMsOf(job.durationMs, job.format),
  }));
  return { results, stored };
}

/**
 * Points stored clips at their new renditions, inside the caller's transaction. Each update
 * applies only while the clip still has the renditions read before rendering; when another writer
 * changed them meanwhile it throws (the caller rolls back and removes what it stored). Returns the
 * keys of the renditions replaced: remove them after the commit with removeUnusedMedia.
 */
export async function pointClipsAtDeliveries(
  tx: Tx,
  updates: readonly { member: StoredMember; delivery: RenderedDelivery }[],
): Promise<string[]> {
  const replaced: string[] = [];
  for (const { member, delivery } of updates) {
    const { count } = await tx.clip.updateMany({
      where: { id: member.id, renditionKey: member.renditionKey, renditionFormat: member.renditionFormat },
      data: delivery,
    });
    if (count !== 1) throw new Error(`clip ${member.id} changed while its renditions were made; run it again`);
    for (const key of [member.renditionKey, member.soundRenditionKey])
      if (key && key !== delivery.renditionKey && key !== delivery.soundRenditionKey) replaced.push(key);
  }
  return replaced;
}

/** Copies a stored original to a local file in `dir`, whichever store (local disk or S3) holds it. */
async function copyOut(store: MediaStore, key: string, dir: string): Promise<string> {
  const size = await store.sizeOf(key);
  if (!size) throw new Error(`${key}: the original is missing from the media store`);
  const target = path.join(dir, `original${path.extname(key)}`);
  const stream = await store.openRange(key, 0, size - 1);
  await pipeline(Readable.fromWeb(stream as WebReadableStream), fs.createWriteStream(target));
  return target;
}
