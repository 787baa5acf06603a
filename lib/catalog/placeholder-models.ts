import type { Db } from "../db/client";

/**
 * Slugs of the models whose every clip is a demo placeholder (synthetic test patterns, not a real
 * generation): pages mark them wherever they name them, so a demo model never passes for a real one.
 * A model with at least one real clip is not listed, whatever placeholders it also has.
 */
export async function findPlaceholderOnlyModels(db: Db): Promise<Set<string>> {
  const models = await db.model.findMany({
    where: { clips: { some: { placeholder: true }, none: { placeholder: false } } },
    select: { slug: true },
  });
  return new Set(models.map((m) => m.slug));
}
