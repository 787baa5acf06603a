import type { Db } from "../db/client";
import { processShared } from "../process-shared";

export interface CategorySummary {
  slug: string;
  nameZh: string;
  nameEn: string;
}

/** All categories, in a stable order (the seeded four first, in creation order). */
export function listCategories(db: Db): Promise<CategorySummary[]> {
  return db.category.findMany({
    select: { slug: true, nameZh: true, nameEn: true },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
  });
}

const CACHE_MS = 5_000;
const state = processShared("categories", () => ({
  cached: undefined as { at: number; value: Promise<CategorySummary[]> } | undefined,
}));

/** listCategories, reused for a few seconds: the public API asks on every request. */
export function listCategoriesCached(db: Db, now = Date.now()): Promise<CategorySummary[]> {
  if (!state.cached || now - state.cached.at > CACHE_MS) {
    const value = listCategories(db);
    value.catch(() => (state.cached = undefined));
    state.cached = { at: now, value };
  }
  return state.cached.value;
}
