import type { Db } from "../db/client";
import { PLACEHOLDER_ONLY_MODEL_WHERE } from "../clip-visibility";

/**
 * Slugs of the models whose every clip is a demo placeholder (synthetic test patterns, not a real
 * generation): pages mark them wherever they name them, so a demo model never passes for a real one.
 * A model with at least one real clip is not listed, whatever placeholders it also has.
 */
export async function findPlaceholderOnlyModels(db: Db): Promise<Set<string>> {
  const models = await db.model.findMany({
    where: PLACEHOLDER_ONLY_MODEL_WHERE,
    select: { slug: true },
  });
  return new Set(models.map((m) => m.slug));
}
