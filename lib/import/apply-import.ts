import { writeManifestFacts } from "../catalog/model-facts";
import type { Db } from "../db/client";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { supersedeClips } from "../catalog/supersede-clips";
import { removeUnusedMedia } from "../media/remove-unused-media";
import { pointClipsAtDeliveries, type RenderedDelivery, renderDeliveries } from "../media/prompt-deliveries";
import { planDeliveries } from "./plan-deliveries";
import type { MediaStore } from "../storage/media-store";
import type { CheckedFile, ImportPlan } from "./plan-import";
import { emptySummary, type ImportSummary, livePairClips, pairKey, retiredIssue } from "./predict-import";

export type { ImportSummary };

/**
 * Writes a checked plan. Files first: each new original is stored once (content already stored,
 * for any prompt or model, is shared, not stored again); every prompt the clips name is rendered
 * to its one delivery format (planDeliveries: the new clips, and the clips already there whose
 * renditions a changed canvas, rate or length outdates; up to FFMPEG_JOBS ffmpeg at once; the same
 * bytes in the same format are rendered once); start images of prompts without one are stored. Then every row in one
 * transaction. When anything fails, the files this run stored are removed and the database is as
 * it was: nothing is half-written. Models, categories and prompts are created or updated by their
 * slug or key; a clip whose file is already there for the same prompt and model is left alone, so
 * a re-run changes nothing. A new file for a (prompt, model) that already has clips replaces those
 * without votes and retires those with votes, keeping history. Files of deleted clips are removed
 * after the commit, and only when no other clip or prompt still uses them.
 */
export async function applyImport(
  db: Db,
  store: MediaStore,
  plan: ImportPlan,
  options: { now?: Date; actorId?: string; log?: (line: string) => void } = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const { manifest, files, prediction } = plan;
  const { decisions } = prediction;
  const fileOf = (reference: string) => files.get(reference) as CheckedFile;
  const stored: string[] = [];
  const replacedKeys: string[] = [];
  let summary: ImportSummary;
  try {
    // Each new original stored once (the first clip line naming it); shared with stored clips.
    const originalByHash = new Map<string, string>(
      [...prediction.storedByHash].map(([hash, keys]) => [hash, keys.storageKey]),
    );
    for (const [i, clip] of manifest.clips.entries()) {
      const file = fileOf(clip.file);
      const decision = decisions[i];
      if (decision?.outcome === "unchanged" || decision?.file !== "store") continue;
      const key = await store.putFile(file.path, "clips", file.type.extension, file.type.mimeType);
      stored.push(key);
      originalByHash.set(file.sha256, key);
    }
    // Every prompt the manifest's clips name is rendered to its one delivery format.
    const deliveries = await planDeliveries(db, plan);
    const rendered = await renderDeliveries(db, store, deliveries.jobs, { log: options.log });
    stored.push(...rendered.stored);
    const deliveryOfLine = new Map<number, RenderedDelivery>();
    deliveries.lines.forEach(
      (line, j) => line !== null && deliveryOfLine.set(line, rendered.results[j] as RenderedDelivery),
    );
    const memberUpdates = deliveries.members.flatMap((member, j) =>
      member ? [{ member, delivery: rendered.results[j] as RenderedDelivery }] : [],
    );
    const existingImages = new Map(
      (
        await db.prompt.findMany({
          where: { importKey: { in: manifest.prompts.map((p) => p.key) } },
          select: { importKey: true, imageKey: true },
        })
      ).map((p) => [p.importKey as string, p.imageKey]),
    );
    const imageKeys = new Map<string, string>();
    for (const prompt of manifest.prompts) {
      if (!prompt.image || existingImages.get(prompt.key)) continue;
      const image = fileOf(prompt.image);
      const key = await store.putFile(image.path, "images", image.type.extension, image.type.mimeType);
      stored.push(key);
      imageKeys.set(prompt.key, key);
    }

    summary = await db.$transaction(async (tx) => {
      const summary = emptySummary(manifest.models.length, manifest.categories.length, manifest.prompts.length);
      for (const category of manifest.categories)
        await tx.category.upsert({
          where: { slug: category.slug },
          create: category,
          update: { nameZh: category.nameZh, nameEn: category.nameEn },
        });
      for (const { releaseDate, pricePerSecond, generationSeconds, ...model } of manifest.models) {
        const data = { ...model, releaseDate: releaseDate ? new Date(releaseDate) : null };
        const { id } = await tx.model.upsert({
          where: { slug: model.slug },
          create: data,
          update: data,
          select: { id: true },
        });
        await writeManifestFacts(tx, id, { pricePerSecond, generationSeconds });
      }
      const categoryIds = new Map(
        (await tx.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]),
      );
      for (const prompt of manifest.prompts) {
        const fields = {
          textZh: prompt.textZh ?? null,
          textEn: prompt.textEn ?? null,
          mode: prompt.mode,
          ...(prompt.otherTakesAllowed === undefined ? {} : { otherTakesAllowed: prompt.otherTakesAllowed }),
          deliveryLengthMs: prompt.deliveryLengthMs ?? null,
        };
        const existing = await tx.prompt.findUnique({
          where: { importKey: prompt.key },
          select: { id: true, imageKey: true },
        });
        const imageKey = existing?.imageKey ?? imageKeys.get(prompt.key) ?? null;
        const row = existing
          ? await tx.prompt.update({ where: { id: existing.id }, data: { ...fields, imageKey }, select: { id: true } })
          : await tx.prompt.create({ data: { ...fields, importKey: prompt.key, imageKey }, select: { id: true } });
        await tx.promptCategory.deleteMany({ where: { promptId: row.id } });
        await tx.promptCategory.createMany({
          data: prompt.categories.map((slug) => ({ promptId: row.id, categoryId: categoryIds.get(slug) as string })),
        });
      }

      const prompts = new Map(
        (await tx.prompt.findMany({ where: { importKey: { not: null } }, select: { id: true, importKey: true } })).map(
          (p) => [p.importKey as string, p.id],
        ),
      );
      const models = new Map(
        (await tx.model.findMany({ select: { id: true, slug: true } })).map((m) => [m.slug, m.id]),
      );
      // Re-check, in two queries, what can have changed since the plan: the live clips of each pair
      // and the stored clips of each file. Anything else the plan decided still holds.
      const [live, sameBytes] = await Promise.all([
        livePairClips(tx, manifest),
        tx.clip.findMany({
          where: { sourceHash: { in: [...new Set(manifest.clips.map((c) => fileOf(c.file).sha256))] } },
          select: { id: true, promptId: true, modelId: true, sourceHash: true, retiredAt: true },
        }),
      ]);
      for (const [i, clip] of manifest.clips.entries()) {
        const line = { where: plan.clipLines[i] as string, prompt: clip.prompt, model: clip.model };
        const decision = decisions[i];
        const file = fileOf(clip.file);
        const promptId = prompts.get(clip.prompt) as string;
        const modelId = models.get(clip.model) as string;
        const same = sameBytes.find(
          (c) => c.sourceHash === file.sha256 && c.promptId === promptId && c.modelId === modelId,
        );
        if (same?.retiredAt)
          throw new Error(`${line.where}: ${retiredIssue(clip.prompt, clip.model, same.retiredAt).message}`);
        const pairNow = live.get(pairKey(promptId, modelId)) ?? [];
        const holds =
          decision?.outcome === "unchanged"
            ? same?.id === decision.clipId
            : decision !== undefined &&
              !same &&
              [...pairNow].sort().join() === [...decision.supersedes].sort().join() &&
              originalByHash.has(file.sha256) &&
              // A stored original shared from an earlier import must still be there.
              (!prediction.storedByHash.has(file.sha256) || sameBytes.some((c) => c.sourceHash === file.sha256)) &&
              deliveryOfLine.has(i);
        if (!holds) throw staleImport(line.where);
      }
      for (const [i, clip] of manifest.clips.entries()) {
        const line = { where: plan.clipLines[i] as string, prompt: clip.prompt, model: clip.model };
        const decision = decisions[i] as (typeof decisions)[number];
        const file = fileOf(clip.file);
        const promptId = prompts.get(clip.prompt) as string;
        const modelId = models.get(clip.model) as string;
        if (decision.outcome === "unchanged") {
          // The same file again: only the operator's watermark mark can change.
          if (clip.watermarked !== undefined && clip.watermarked !== decision.watermarked)
            await tx.clip.update({ where: { id: decision.clipId }, data: { watermarked: clip.watermarked } });
          if (clip.generationSeconds !== undefined || clip.generationCostUsd !== undefined)
            await tx.clip.update({
              where: { id: decision.clipId },
              data: { generationSeconds: clip.generationSeconds, generationCostUsd: clip.generationCostUsd },
            });
          summary.clipsUnchanged += 1;
          summary.clips.push({ ...line, outcome: "unchanged" });
          continue;
        }
        if (decision.supersedes.length > 0) {
          const { superseded, removedKeys } = await supersedeClips(tx, promptId, modelId, now);
          if (superseded !== decision.supersedes.length) throw staleImport(line.where);
          summary.clipsRetired += superseded;
          replacedKeys.push(...removedKeys);
        }
        const probe = file.probe as NonNullable<CheckedFile["probe"]>;
        await tx.clip.create({
          data: {
            promptId,
            modelId,
            storageKey: originalByHash.get(file.sha256) as string,
            ...(deliveryOfLine.get(i) as RenderedDelivery),
            mimeType: file.type.mimeType,
            durationMs: probe.durationMs,
            width: probe.width,
            height: probe.height,
            frameRate: probe.frameRate,
            hasAudio: probe.hasAudio,
            promptLang: clip.promptLang,
            firstTake: clip.firstTake,
            watermarked: clip.watermarked ?? false,
            generationSeconds: clip.generationSeconds ?? null,
            generationCostUsd: clip.generationCostUsd ?? null,
            sourceHash: file.sha256,
          },
        });
        summary.clipsAdded += 1;
        summary.clips.push({ ...line, outcome: decision.outcome });
        summary[decision.file === "store" ? "filesStored" : "filesReused"] += 1;
      }
      // Clips already there whose prompt's format changed point at their new renditions.
      replacedKeys.push(...(await pointClipsAtDeliveries(tx, memberUpdates)));
      if (options.actorId)
        await recordAudit(tx, {
          actorId: options.actorId,
          action: "import.apply",
          targetType: "import",
          targetId: now.toISOString(),
          reason: `${summary.clipsAdded} clips added, ${summary.clipsUnchanged} unchanged, ${summary.clipsRetired} replaced or retired`,
        });
      return summary;
    });
  } catch (error) {
    await Promise.all(stored.map((key) => store.remove(key)));
    throw error;
  }
  // Files of deleted clips go only after the commit (a rolled-back import keeps them), and only
  // when nothing uses them any more (several clips can share one file).
  await removeUnusedMedia(db, store, replacedKeys);
  return summary;
}

/**
 * The retryable refusal when the database changed between the plan and its transaction (another
 * import or an operator edit touched a clip line's pair or file): the transaction rolls back and
 * this run's files are removed, so nothing is half-written; planning again sees the new state.
 */
function staleImport(where: string): DomainError {
  return new DomainError(
    "conflict",
    `${where}: the database changed since the import was planned; nothing was imported, run the import again`,
  );
}
