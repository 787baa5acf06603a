import type { z } from "zod";
import type { ArenaCache } from "../arena/arena-cache";
import type { Db } from "../db/client";
import { findModelNameClash } from "../db/model-names";
import { DomainError, fieldError, isUniqueViolation } from "../errors";
import { recordAudit } from "../audit";
import { LIVE_CLIPS, PROMPT_FIELDS } from "./prompts";
import type { createCategorySchema, createModelSchema, renameCategorySchema, updateModelSchema } from "./schemas";

function toModelData<T extends { releaseDate?: string | null }>(input: T) {
  const { releaseDate, ...rest } = input;
  if (releaseDate === undefined) return rest;
  return { ...rest, releaseDate: releaseDate === null ? null : new Date(releaseDate) };
}

function notFound(what: string): DomainError {
  return new DomainError("not_found", `There is no such ${what}.`);
}

function taken(what: string, slug: string): DomainError {
  return fieldError(`A ${what} with the slug "${slug}" already exists.`, { field: "slug", issue: "taken" }, "conflict");
}

/** 409 when another model (not `slug`) already has this display name, case and spacing aside. */
async function assertNameFree(tx: Pick<Db, "model">, name: string, slug?: string): Promise<void> {
  const clash = await findModelNameClash(tx, name, slug ? [slug] : []);
  if (clash)
    throw fieldError(
      `The model "${clash}" already has the name "${name.trim()}" (case aside).`,
      { field: "name", issue: "taken" },
      "conflict",
    );
}

/** Adds a model; 409 when its slug is taken or another model has its display name (case aside). */
export async function createModel(db: Db, actorId: string, input: z.infer<typeof createModelSchema>) {
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const model = await tx.model.create({ data: toModelData(input) });
      await recordAudit(tx, { actorId, action: "model.create", targetType: "model", targetId: model.id });
      return model;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken("model", input.slug);
    throw error;
  }
}

/**
 * Edits a model. `active: false` takes it out of the arena at once; its votes and its rows on
 * the leaderboard stay, marked as retired. 409 when the new display name is another model's.
 */
export async function updateModel(
  db: Db,
  arenaCache: ArenaCache,
  actorId: string,
  id: string,
  input: z.infer<typeof updateModelSchema>,
) {
  const model = await db.$transaction(async (tx) => {
    const existing = await tx.model.findUnique({ where: { id }, select: { active: true, slug: true } });
    if (!existing) throw notFound("model");
    if (input.name !== undefined) await assertNameFree(tx, input.name, existing.slug);
    const updated = await tx.model.update({ where: { id }, data: toModelData(input) });
    const action =
      input.active === undefined || input.active === existing.active
        ? "model.update"
        : input.active
          ? "model.activate"
          : "model.deactivate";
    await recordAudit(tx, { actorId, action, targetType: "model", targetId: id });
    return updated;
  });
  arenaCache.invalidate();
  return model;
}

/** Adds a category; 409 when its slug is taken. */
export async function createCategory(db: Db, actorId: string, input: z.infer<typeof createCategorySchema>) {
  try {
    return await db.$transaction(async (tx) => {
      const category = await tx.category.create({ data: input });
      await recordAudit(tx, { actorId, action: "category.create", targetType: "category", targetId: category.id });
      return category;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken("category", input.slug);
    throw error;
  }
}

/** Renames a category in both languages; its slug (used in URLs and exports) stays. */
export async function renameCategory(db: Db, actorId: string, id: string, input: z.infer<typeof renameCategorySchema>) {
  return db.$transaction(async (tx) => {
    if (!(await tx.category.findUnique({ where: { id }, select: { id: true } }))) throw notFound("category");
    const category = await tx.category.update({ where: { id }, data: input });
    await recordAudit(tx, { actorId, action: "category.rename", targetType: "category", targetId: id });
    return category;
  });
}

/** Models, categories and prompts with their clip counts, for the catalog pages. */
export async function loadCatalog(db: Db) {
  const [models, categories, prompts] = await Promise.all([
    db.model.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      include: {
        _count: { select: { clips: LIVE_CLIPS } },
        // The price and generation-time history, newest first (lib/catalog/model-facts.ts).
        facts: { orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }] },
      },
    }),
    db.category.findMany({ orderBy: { createdAt: "asc" }, include: { _count: { select: { prompts: true } } } }),
    db.prompt.findMany({
      orderBy: { createdAt: "desc" },
      select: { ...PROMPT_FIELDS, _count: { select: { clips: LIVE_CLIPS } } },
    }),
  ]);
  return { models, categories, prompts };
}
