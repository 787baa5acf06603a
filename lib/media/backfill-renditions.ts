import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { deliveryFormatOf } from "./delivery-format";
import { type MediaProbe, probeMedia } from "./ffprobe";
import { removeUnusedMedia } from "./remove-unused-media";
import {
  membersToRender,
  pointClipsAtDeliveries,
  readPromptMembers,
  type RenderedDelivery,
  renderDeliveries,
  type StoredMember,
} from "./prompt-deliveries";

export interface BackfillResult {
  /** Clips given renditions in their prompt's delivery format. */
  made: number;
  /** Originals ffmpeg could not read or render: their clips keep what they had. */
  failed: { storageKey: string; reason: string }[];
}

/**
 * Renders every prompt to its one delivery format (lib/media/delivery-format.ts): prompts with a
 * live clip that has no rendition (a database from before renditions) or a real clip whose
 * renditions are not in the prompt's format (from before formats, or an operator changed the
 * prompt's length). A clip without a rendition is probed first (its stored facts were declared,
 * not measured). Each prompt is written in one transaction after its renders; a re-run finds
 * nothing to do. Demo placeholders that already have a rendition are left as shipped. `log` hears
 * one line per prompt.
 */
export async function backfillRenditions(
  db: Db,
  store: MediaStore,
  log: (line: string) => void = () => undefined,
): Promise<BackfillResult> {
  const live = await db.clip.findMany({ where: { retiredAt: null }, select: { promptId: true } });
  const prompts = await readPromptMembers(db, [...new Set(live.map((c) => c.promptId))]);
  const candidates = [...prompts]
    .filter(([, { deliveryLengthMs, members }]) => membersToRender(members, deliveryFormatOf(members, deliveryLengthMs)).length > 0)
    .map(([promptId]) => promptId);
  candidates.sort();
  const result: BackfillResult = { made: 0, failed: [] };
  for (const [i, promptId] of candidates.entries()) {
    const started = Date.now();
    const { deliveryLengthMs, members } = (await readPromptMembers(db, [promptId])).get(promptId) ?? {
      deliveryLengthMs: null,
      members: [],
    };
    const probed = new Map<string, MediaProbe>();
    const usable: StoredMember[] = [];
    for (const member of members) {
      if (member.renditionKey !== null) {
        usable.push(member);
        continue;
      }
      try {
        const probe = await probeStored(store, member.storageKey);
        probed.set(member.id, probe);
        usable.push({ ...member, ...probe });
      } catch (error) {
        if ((error as Error).name === "FfmpegMissingError") throw error;
        result.failed.push({ storageKey: member.storageKey, reason: (error as Error).message });
      }
    }
    if (usable.length === 0) continue;
    const format = deliveryFormatOf(usable, deliveryLengthMs);
    const pending = membersToRender(usable, format);
    try {
      const rendered = await renderDeliveries(
        db,
        store,
        pending.map((m) => ({
          original: { storageKey: m.storageKey },
          sourceHash: m.sourceHash,
          hasAudio: m.hasAudio,
          durationMs: m.durationMs,
          format,
          label: m.storageKey,
        })),
      );
      const replaced = await db
        .$transaction(async (tx) => {
          for (const [id, probe] of probed) await tx.clip.update({ where: { id }, data: probe });
          return pointClipsAtDeliveries(
            tx,
            pending.map((member, j) => ({ member, delivery: rendered.results[j] as RenderedDelivery })),
          );
        })
        .catch(async (error: unknown) => {
          await Promise.all(rendered.stored.map((key) => store.remove(key)));
          throw error;
        });
      await removeUnusedMedia(db, store, replaced);
      result.made += pending.length;
      log(`${i + 1}/${candidates.length} prompt ${promptId}: ${pending.length} clip(s) rendered in ${Date.now() - started} ms`);
    } catch (error) {
      if ((error as Error).name === "FfmpegMissingError") throw error;
      const reason = (error as Error).message;
      for (const member of pending) result.failed.push({ storageKey: member.storageKey, reason });
      log(`${i + 1}/${candidates.length} prompt ${promptId}: FAILED: ${reason}`);
    }
  }
  return result;
}

/** Probes a stored original (copied to a scratch file, whichever store holds it). */
async function probeStored(store: MediaStore, key: string): Promise<MediaProbe> {
  const size = await store.sizeOf(key);
  if (!size) throw new Error("the original is missing from the media store");
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-backfill-"));
  try {
    const target = path.join(work, `original${path.extname(key)}`);
    const stream = await store.openRange(key, 0, size - 1);
    await pipeline(Readable.fromWeb(stream as WebReadableStream), fs.createWriteStream(target));
    const probe = await probeMedia(target);
    if (!probe) throw new Error("ffprobe cannot read it");
    return probe;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}
