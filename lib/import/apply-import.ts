import type { Db } from "../db/client";
import { recordAudit } from "../audit";
import { supersedeClips } from "../catalog/supersede-clips";
import type { MediaStore } from "../storage/media-store";
import type { ImportPlan } from "./plan-import";

export interface ImportSummary {
  models: number;
  categories: number;
  prompts: number;
  clipsAdded: number;
  clipsUnchanged: number;
  clipsRetired: number;
}

/**
 * Writes a checked plan: files into the media store first (new ones only), then every row in one
 * transaction, so a failure leaves the database as it was. Models, categories and prompts are
 * created or updated by their slug or key; a clip whose file is already there for the same prompt
 * and model is left alone, so a re-run changes nothing. A new file for a (prompt, model) that
 * already has clips replaces those without votes and retires those with votes, keeping history.
 */
export async function applyImport(
  db: Db,
  store: MediaStore,
  plan: ImportPlan,
  options: { now?: Date; actorId?: string } = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const { manifest, files } = plan;
  const knownHashes = new Set(
    (
      await db.clip.findMany({
        where: { sourceHash: { in: [...files.values()].map((f) => f.sha256) } },
        select: { sourceHash: true },
      })
    ).map((c) => c.sourceHash),
  );
  const storedKeys = new Map<string, string>();
  for (const [relative, file] of files) {
    const isImage = file.type.mimeType.startsWith("image/");
    if (!isImage && knownHashes.has(file.sha256)) continue;
    storedKeys.set(
      relative,
      await store.putFile(file.path, isImage ? "images" : "clips", file.type.extension, file.type.mimeType),
    );
  }

  const replacedKeys: string[] = [];
  const summary = await db.$transaction(async (tx) => {
    const summary: ImportSummary = {
      models: 0,
      categories: 0,
      prompts: 0,
      clipsAdded: 0,
      clipsUnchanged: 0,
      clipsRetired: 0,
    };
    for (const category of manifest.categories) {
      await tx.category.upsert({
        where: { slug: category.slug },
        create: category,
        update: { nameZh: category.nameZh, nameEn: category.nameEn },
      });
      summary.categories += 1;
    }
    for (const { releaseDate, ...model } of manifest.models) {
      const data = { ...model, releaseDate: releaseDate ? new Date(releaseDate) : null };
      await tx.model.upsert({ where: { slug: model.slug }, create: data, update: data });
      summary.models += 1;
    }
    const categoryIds = new Map(
      (await tx.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]),
    );
    for (const prompt of manifest.prompts) {
      const fields = { textZh: prompt.textZh ?? null, textEn: prompt.textEn ?? null, mode: prompt.mode };
      const existing = await tx.prompt.findUnique({
        where: { importKey: prompt.key },
        select: { id: true, imageKey: true },
      });
      const imageKey = existing?.imageKey ?? (prompt.image ? (storedKeys.get(prompt.image) ?? null) : null);
      const row = existing
        ? await tx.prompt.update({ where: { id: existing.id }, data: { ...fields, imageKey }, select: { id: true } })
        : await tx.prompt.create({ data: { ...fields, importKey: prompt.key, imageKey }, select: { id: true } });
      await tx.promptCategory.deleteMany({ where: { promptId: row.id } });
      await tx.promptCategory.createMany({
        data: prompt.categories.map((slug) => ({ promptId: row.id, categoryId: categoryIds.get(slug) as string })),
      });
      summary.prompts += 1;
    }

    const prompts = new Map(
      (await tx.prompt.findMany({ where: { importKey: { not: null } }, select: { id: true, importKey: true } })).map(
        (p) => [p.importKey as string, p.id],
      ),
    );
    const models = new Map((await tx.model.findMany({ select: { id: true, slug: true } })).map((m) => [m.slug, m.id]));
    for (const clip of manifest.clips) {
      const file = files.get(clip.file);
      const promptId = prompts.get(clip.prompt) as string;
      const modelId = models.get(clip.model) as string;
      if (!file) continue;
      const same = await tx.clip.findUnique({
        where: { promptId_modelId_sourceHash: { promptId, modelId, sourceHash: file.sha256 } },
        select: { id: true },
      });
      if (same) {
        summary.clipsUnchanged += 1;
        continue;
      }
      const { superseded, removedKeys } = await supersedeClips(tx, promptId, modelId, now);
      summary.clipsRetired += superseded;
      replacedKeys.push(...removedKeys);
      await tx.clip.create({
        data: {
          promptId,
          modelId,
          storageKey: storedKeys.get(clip.file) as string,
          mimeType: file.type.mimeType,
          // The plan made sure the manifest gives all three where the file could not be read.
          ...(file.video ?? { durationMs: clip.durationMs ?? 0, width: clip.width ?? 0, height: clip.height ?? 0 }),
          promptLang: clip.promptLang,
          firstTake: clip.firstTake,
          sourceHash: file.sha256,
        },
      });
      summary.clipsAdded += 1;
    }
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
  // Files of deleted clips go only after the commit: a rolled-back import keeps them.
  await Promise.all(replacedKeys.map((key) => store.remove(key)));
  return summary;
}
