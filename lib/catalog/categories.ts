import type { Db } from "../db/client";

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
