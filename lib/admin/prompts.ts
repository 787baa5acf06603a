import type { ArenaCache } from "../arena/arena-cache";
import { type PoolExclusion, poolExclusion } from "../arena/blind-pool";
import { placeholdersServable, servableClipWhere } from "../clip-visibility";
import type { Db } from "../db/client";
import { DomainError, fieldError } from "../errors";
import { readHead, sniffImage } from "../import/sniff";
import type { MediaStore } from "../storage/media-store";
import { recordAudit } from "../audit";
import type { PromptInput } from "./schemas";

/** A start image an operator uploaded, in a temporary file. */
export interface UploadedFile {
  path: string;
  size: number;
}

/** Checks an uploaded start image by its bytes (PNG, JPEG or WebP) and stores it; returns the key. */
async function storeStartImage(store: MediaStore, image: UploadedFile): Promise<string> {
  const type = sniffImage(readHead(image.path));
  if (!type)
    throw new DomainError(
      "unsupported_media_type",
      "The start image is not a PNG, JPEG or WebP file (by its content).",
    );
  return store.putFile(image.path, "images", type.extension, type.mimeType);
}

/**
 * Creates a prompt (id null) or edits one: texts, mode, categories and, when a file is given,
 * a new start image. An image-to-video prompt must end up with an image.
 */
export async function savePrompt(
  db: Db,
  arenaCache: ArenaCache,
  store: MediaStore,
  actorId: string,
  id: string | null,
  input: PromptInput,
  image: UploadedFile | undefined,
): Promise<{ id: string }> {
  const existing = id ? await db.prompt.findUnique({ where: { id }, select: { imageKey: true } }) : null;
  if (id && !existing) throw new DomainError("not_found", "There is no such prompt.");
  if (input.mode === "image_to_video" && !image && !existing?.imageKey)
    throw fieldError("image: an image-to-video prompt needs a start image.", { field: "image", issue: "required" });
  const categories = await db.category.findMany({
    where: { slug: { in: input.categories } },
    select: { id: true, slug: true },
  });
  const unknown = input.categories.find((slug) => !categories.some((c) => c.slug === slug));
  if (unknown)
    throw fieldError(`categories: unknown category "${unknown}".`, { field: "categories", issue: "invalid_value" });

  // File first, rows second: a failed transaction leaves an unused file, never a row without its file.
  const imageKey = image ? await storeStartImage(store, image) : (existing?.imageKey ?? null);
  const data = { textZh: input.textZh ?? null, textEn: input.textEn ?? null, mode: input.mode, imageKey };
  const saved = await db.$transaction(async (tx) => {
    const prompt = id ? await tx.prompt.update({ where: { id }, data }) : await tx.prompt.create({ data });
    await tx.promptCategory.deleteMany({ where: { promptId: prompt.id } });
    await tx.promptCategory.createMany({ data: categories.map((c) => ({ promptId: prompt.id, categoryId: c.id })) });
    await recordAudit(tx, {
      actorId,
      action: id ? "prompt.update" : "prompt.create",
      targetType: "prompt",
      targetId: prompt.id,
    });
    return { id: prompt.id };
  });
  if (image && existing?.imageKey) await store.remove(existing.imageKey);
  arenaCache.invalidate();
  return saved;
}

/**
 * Publishes a prompt (its clips leave the arena's blind pool and named pages may show them) or
 * returns it to the pool (named pages stop showing it), audited with the operator's reason.
 * Publishing twice keeps the first date.
 */
export async function setPromptPublished(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  id: string,
  published: boolean,
  reason: string,
): Promise<{ id: string; publishedAt: string | null }> {
  const publishedAt = await db.$transaction(async (tx) => {
    const prompt = await tx.prompt.findUnique({ where: { id }, select: { publishedAt: true } });
    if (!prompt) throw new DomainError("not_found", "There is no such prompt.");
    const next = published ? (prompt.publishedAt ?? new Date()) : null;
    await tx.prompt.update({ where: { id }, data: { publishedAt: next } });
    await recordAudit(tx, {
      actorId,
      action: published ? "prompt.publish" : "prompt.unpublish",
      targetType: "prompt",
      targetId: id,
      reason,
    });
    return next;
  });
  arenaCache.invalidate();
  return { id, publishedAt: publishedAt?.toISOString() ?? null };
}

/**
 * Lets the arena serve a prompt's clips that are not first takes (for a set collected without
 * knowing which take came first), or returns it to first takes only; audited with the reason.
 * While any served clip is a later take, the public claim says so (lib/clip-visibility.ts).
 * DomainError not_found for an unknown prompt.
 */
export async function setPromptOtherTakes(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  id: string,
  otherTakesAllowed: boolean,
  reason: string,
): Promise<{ id: string; otherTakesAllowed: boolean }> {
  await db.$transaction(async (tx) => {
    if (!(await tx.prompt.findUnique({ where: { id }, select: { id: true } })))
      throw new DomainError("not_found", "There is no such prompt.");
    await tx.prompt.update({ where: { id }, data: { otherTakesAllowed } });
    await recordAudit(tx, {
      actorId,
      action: otherTakesAllowed ? "prompt.allow_other_takes" : "prompt.first_takes_only",
      targetType: "prompt",
      targetId: id,
      reason,
    });
  });
  arenaCache.invalidate();
  return { id, otherTakesAllowed };
}

/** What the operator pages show of a prompt, and the clips that count as live. */
export const PROMPT_FIELDS = {
  id: true,
  textZh: true,
  textEn: true,
  mode: true,
  imageKey: true,
  publishedAt: true,
  otherTakesAllowed: true,
  categories: { select: { category: { select: { slug: true } } } },
} as const;
export const LIVE_CLIPS = { where: { retiredAt: null, hidden: false } } as const;

/** One prompt with its categories and every clip (live, hidden and retired) by model. */
export function loadPromptDetail(db: Db, id: string) {
  return db.prompt.findUnique({
    where: { id },
    select: {
      ...PROMPT_FIELDS,
      clips: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          modelId: true,
          durationMs: true,
          width: true,
          height: true,
          mimeType: true,
          firstTake: true,
          watermarked: true,
          generationSeconds: true,
          generationCostUsd: true,
          promptLang: true,
          hidden: true,
          retiredAt: true,
          createdAt: true,
          model: { select: { name: true } },
          _count: { select: { leftIn: true, rightIn: true } },
        },
      },
    },
  });
}

/**
 * Whether each prompt is in the blind pool, and if not why (lib/arena/blind-pool.ts: published, or
 * fewer than MIN_MODELS_PER_PROMPT models with a servable clip), by prompt id, for the operator
 * pages; `ids` limits it to those prompts. Null for a prompt in the pool.
 */
export async function loadPoolStatus(db: Db, ids?: string[]): Promise<Map<string, PoolExclusion | null>> {
  const placeholders = await placeholdersServable(db);
  const prompts = await db.prompt.findMany({
    where: ids ? { id: { in: ids } } : {},
    select: {
      id: true,
      publishedAt: true,
      clips: { where: servableClipWhere({ placeholders }), select: { modelId: true } },
    },
  });
  return new Map(prompts.map((prompt) => [prompt.id, poolExclusion(prompt.publishedAt, prompt.clips)]));
}
