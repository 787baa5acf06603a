import type { ArenaCache } from "../arena/arena-cache";
import { supersedeClips } from "../catalog/supersede-clips";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { readHead, sniffVideo } from "../import/sniff";
import { withFfmpeg } from "./with-ffmpeg";
import { isDecodable, probeMedia } from "../media/ffprobe";
import { removeUnusedMedia } from "../media/remove-unused-media";
import { deliveryFormatOf } from "../media/delivery-format";
import {
  isDelivered,
  pointClipsAtDeliveries,
  readPromptMembers,
  type RenderedDelivery,
  renderDeliveries,
} from "../media/prompt-deliveries";
import { hashFile } from "../storage/hash-file";
import type { MediaStore } from "../storage/media-store";
import { recordAudit } from "../audit";
import type { UploadedFile } from "./prompts";

export interface ClipUpload {
  promptId: string;
  modelId: string;
  promptLang: "zh" | "en";
  firstTake: boolean;
}

/**
 * Adds an uploaded clip for a (prompt, model). The file must really be MP4, WebM or MOV by its
 * bytes and decode completely with ffmpeg; its duration, size, frame rate and sound are probed,
 * and the original stored (bytes already stored for another clip are shared, not stored again).
 * The clip is rendered to its prompt's delivery format, which it may change (a larger canvas, a
 * higher rate, a shorter length): the prompt's other live clips are then rendered again too, and
 * all are switched in the one transaction. Earlier clips of the pair are replaced when they
 * have no votes and retired otherwise; their files go when no other clip uses them. The same file
 * again changes nothing. Errors: 415 not a video, 422 not decodable, 404 no such prompt or model,
 * 503 ffmpeg not installed, or timed out / killed (retryable).
 */
export async function uploadClip(
  db: Db,
  arenaCache: ArenaCache,
  store: MediaStore,
  actorId: string,
  upload: ClipUpload,
  file: UploadedFile,
  now = new Date(),
): Promise<{ id: string; created: boolean }> {
  const type = sniffVideo(readHead(file.path));
  if (!type)
    throw new DomainError("unsupported_media_type", "The file is not an MP4, WebM or MOV video (by its content).");
  const info = await withFfmpeg(async () => ((await isDecodable(file.path)) ? probeMedia(file.path) : null));
  if (!info) throw new DomainError("unreadable_video", "ffmpeg cannot decode this video.");
  const [prompt, model] = await Promise.all([
    db.prompt.findUnique({ where: { id: upload.promptId }, select: { id: true } }),
    db.model.findUnique({ where: { id: upload.modelId }, select: { id: true } }),
  ]);
  if (!prompt) throw new DomainError("not_found", "There is no such prompt.");
  if (!model) throw new DomainError("not_found", "There is no such model.");

  const sourceHash = await hashFile(file.path);
  const same = await db.clip.findUnique({
    where: { promptId_modelId_sourceHash: { promptId: prompt.id, modelId: model.id, sourceHash } },
    select: { id: true },
  });
  if (same) return { id: same.id, created: false };

  // The original is stored once, whoever shares its bytes; the prompt is rendered to the format
  // its clips will have with this one (the new clip, and stored clips whose format it changes).
  const shared = await db.clip.findFirst({ where: { sourceHash }, select: { storageKey: true } });
  const storageKey = shared?.storageKey ?? (await store.putFile(file.path, "clips", type.extension, type.mimeType));
  const stored = shared ? [] : [storageKey];
  const current = (await readPromptMembers(db, [prompt.id])).get(prompt.id);
  const staying = (current?.members ?? []).filter((m) => m.modelId !== model.id);
  const format = deliveryFormatOf([...staying, info], current?.deliveryLengthMs ?? null);
  const stale = staying.filter((m) => !isDelivered(m, format));
  let removedKeys: string[] = [];
  const clip = await withFfmpeg(() =>
    renderDeliveries(db, store, [
      {
        original: { path: file.path },
        sourceHash,
        hasAudio: info.hasAudio,
        durationMs: info.durationMs,
        format,
        label: "the upload",
      },
      ...stale.map((m) => ({
        original: { storageKey: m.storageKey },
        sourceHash: m.sourceHash,
        hasAudio: m.hasAudio,
        durationMs: m.durationMs,
        format,
        label: `clip ${m.id}`,
      })),
    ]),
  )
    .then(async ({ results, stored: rendered }) => {
      stored.push(...rendered);
      const [delivery, ...restyled] = results as [RenderedDelivery, ...RenderedDelivery[]];
      return db.$transaction(async (tx) => {
        ({ removedKeys } = await supersedeClips(tx, prompt.id, model.id, now));
        const created = await tx.clip.create({
          data: { ...upload, storageKey, ...delivery, mimeType: type.mimeType, ...info, sourceHash },
          select: { id: true },
        });
        removedKeys.push(
          ...(await pointClipsAtDeliveries(
            tx,
            stale.map((member, j) => ({ member, delivery: restyled[j] as RenderedDelivery })),
          )),
        );
        await recordAudit(tx, { actorId, action: "clip.upload", targetType: "clip", targetId: created.id });
        return created;
      });
    })
    .catch(async (error: unknown) => {
      await Promise.all(stored.map((key) => store.remove(key)));
      throw error;
    });
  await removeUnusedMedia(db, store, removedKeys);
  arenaCache.invalidate();
  return { id: clip.id, created: true };
}

/**
 * Hides a clip (it stops being served, its past votes stay) or shows it again, and/or marks it
 * watermarked (out of every battle and named page until a replacement supersedes it,
 * lib/clip-visibility.ts) or clears the mark; each change audited with the reason. Returns the
 * clip's state after the change; DomainError not_found for an unknown clip.
 */
export async function setClipState(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  id: string,
  change: { hidden?: boolean; watermarked?: boolean },
  reason: string,
): Promise<{ id: string; hidden: boolean; watermarked: boolean }> {
  const state = await db.$transaction(async (tx) => {
    if (!(await tx.clip.findUnique({ where: { id }, select: { id: true } })))
      throw new DomainError("not_found", "There is no such clip.");
    const updated = await tx.clip.update({
      where: { id },
      data: change,
      select: { hidden: true, watermarked: true },
    });
    const audit = (action: string) => recordAudit(tx, { actorId, action, targetType: "clip", targetId: id, reason });
    if (change.hidden !== undefined) await audit(change.hidden ? "clip.hide" : "clip.show");
    if (change.watermarked !== undefined)
      await audit(change.watermarked ? "clip.mark_watermarked" : "clip.clear_watermarked");
    return updated;
  });
  arenaCache.invalidate();
  return { id, ...state };
}
