import path from "node:path";
import type { Db } from "../db/client";
import { imageMimeType } from "../storage/image-type";
import { deliveryFormatOf, formatKeyOf, frameRateOf } from "../media/delivery-format";
import type { MediaStore } from "../storage/media-store";
import { demoCategories, demoModels, demoPrompts, loadDemoMedia } from "./demo-content";

/** Interactive-transaction limits for writing the demo: a slow machine is not a failure. */
export const SEED_TRANSACTION = { maxWait: 60_000, timeout: 120_000 } as const;

export interface SeedSummary {
  models: number;
  prompts: number;
  clips: number;
}

/**
 * Loads the demo catalog (categories, six models, seven prompts, one placeholder clip per model
 * per prompt) into an empty database and copies its media into the media store. Does nothing,
 * and returns null, when the database already holds models, prompts or categories.
 */
export async function seedDemoIfEmpty(db: Db, store: MediaStore): Promise<SeedSummary | null> {
  const existing = (await db.model.count()) + (await db.prompt.count()) + (await db.category.count());
  if (existing > 0) return null;

  // The committed media sit in the repository, which is the working directory of every entry point.
  const media = loadDemoMedia(process.cwd());
  // Files first, rows second: a crash between the two leaves unused files, never rows without files.
  // Demo clips ship as delivery renditions, so one stored file is both the original and the
  // rendition, and seeding needs no ffmpeg.
  const clipKeys = await Promise.all(media.clips.map((clip) => store.putFile(clip.path, "clips", "mp4", "video/mp4")));
  const imageKeys = new Map<number, string>();
  for (const image of media.images) {
    const extension = path.extname(image.path).slice(1);
    imageKeys.set(image.promptIndex, await store.putFile(image.path, "images", extension, imageMimeType(image.path)));
  }

  await db.$transaction(async (tx) => {
    const categoryIds = new Map<string, string>();
    // Categories list in creation order; a millisecond apart keeps the demo's order on fast machines.
    const start = Date.now();
    for (const [i, category] of demoCategories.entries()) {
      const row = await tx.category.create({ data: { ...category, createdAt: new Date(start + i) } });
      categoryIds.set(category.slug, row.id);
    }
    const models = new Map<string, { id: string; promptLang: "zh" | "en" }>();
    for (const { promptLang, releaseDate, ...model } of demoModels) {
      const row = await tx.model.create({ data: { ...model, releaseDate: new Date(releaseDate) } });
      models.set(model.slug, { id: row.id, promptLang });
    }
    const promptIds = new Map<number, string>();
    for (const prompt of demoPrompts) {
      const row = await tx.prompt.create({
        data: {
          textZh: prompt.textZh,
          textEn: prompt.textEn,
          mode: prompt.mode,
          imageKey: imageKeys.get(prompt.index) ?? null,
          categories: { create: prompt.categories.map((slug) => ({ categoryId: mustGet(categoryIds, slug) })) },
        },
      });
      promptIds.set(prompt.index, row.id);
    }
    const formats = demoRenditionFormats(media.clips);
    await tx.clip.createMany({
      data: media.clips.map((clip, i) => {
        const model = mustGet(models, clip.model);
        return {
          renditionFormat: formats.get(clip.promptIndex) ?? null,
          promptId: mustGet(promptIds, clip.promptIndex),
          modelId: model.id,
          storageKey: clipKeys[i] as string,
          renditionKey: clipKeys[i] as string,
          durationMs: clip.durationMs,
          width: clip.width,
          height: clip.height,
          frameRate: clip.frameRate,
          hasAudio: false,
          mimeType: clip.mimeType,
          promptLang: model.promptLang,
          firstTake: true,
          placeholder: true,
        };
      }),
    });
    // Fifty-odd writes: Prisma's default 5 s for an interactive transaction is too short on a
    // loaded machine (PostgreSQL runs each write as a round trip), and a timeout here is no error.
  }, SEED_TRANSACTION);
  return { models: demoModels.length, prompts: demoPrompts.length, clips: media.clips.length };
}

/**
 * The delivery format of each demo prompt whose committed placeholders already are it (the same
 * size, rate and length, as the demo ships them), so seeding needs no ffmpeg and an upload to a
 * demo prompt renders only what it changes. A prompt whose placeholders differ gets none, and
 * `npm run media:renditions` renders it.
 */
function demoRenditionFormats(
  clips: readonly { promptIndex: number; width: number; height: number; frameRate: number; durationMs: number }[],
): Map<number, string> {
  const formats = new Map<number, string>();
  for (const promptIndex of new Set(clips.map((c) => c.promptIndex))) {
    const own = clips.filter((c) => c.promptIndex === promptIndex);
    const format = deliveryFormatOf(own);
    const exact = own.every(
      (c) =>
        c.width === format.width &&
        c.height === format.height &&
        frameRateOf([c]) === format.frameRate &&
        c.durationMs === format.lengthMs,
    );
    if (exact) formats.set(promptIndex, formatKeyOf(format));
  }
  return formats;
}

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo content refers to an unknown entry: ${String(key)}`);
  return value;
}
