import { z } from "zod";
import type { Db } from "../db/client";

/** A category as the public API and the pages list it. */
export const categorySummarySchema = z.object({ slug: z.string(), nameZh: z.string(), nameEn: z.string() });
export type CategorySummary = z.infer<typeof categorySummarySchema>;

/** GET /api/categories */
export const categoryListResponseSchema = z.object({ categories: z.array(categorySummarySchema) });

/** All categories, in a stable order (the seeded four first, in creation order). */
export function listCategories(db: Db): Promise<CategorySummary[]> {
  return db.category.findMany({
    select: { slug: true, nameZh: true, nameEn: true },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
  });
}

/** How long a read of the categories is reused, in milliseconds. */
const CACHE_MS = 5_000;

/** listCategories, reused for a few seconds: the public API and the pages ask on every request. */
export interface CategoryCache {
  /** The categories read at most CACHE_MS before `now` (epoch ms); a failed read is not kept. */
  list(db: Db, now?: number): Promise<CategorySummary[]>;
}

/** A new, empty category cache; the process's one is held by the composition root (lib/http/app-context.ts). */
export function createCategoryCache(): CategoryCache {
  let cached: { at: number; value: Promise<CategorySummary[]> } | undefined;
  return {
    list(db, now = Date.now()) {
      if (!cached || now - cached.at > CACHE_MS) {
        const value = listCategories(db);
        value.catch(() => (cached = undefined));
        cached = { at: now, value };
      }
      return cached.value;
    },
  };
}
