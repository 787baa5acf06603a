import type { Db } from "../db/client";
import { ApiError } from "../errors";
import { respondPublicJson } from "./public-api";
import { getLatestSnapshot } from "../leaderboard/latest-snapshot";
import { slugSchema } from "../shared-schemas";
import { listCategoriesCached } from "../catalog/categories";
import { getModelProfile, listModels } from "../catalog/model-profile";

const json = (value: unknown) => {
  const body = JSON.stringify(value);
  // A weak validator from the body itself: these lists are small and change rarely.
  let hash = 0;
  for (let i = 0; i < body.length; i += 1) hash = (Math.imul(hash, 31) + body.charCodeAt(i)) | 0;
  return { etag: `W/"${(hash >>> 0).toString(36)}-${body.length}"`, body };
};

/** GET /api/categories */
export function handleCategories(db: Db, request: Request): Promise<Response> {
  return respondPublicJson(request, async () => json({ categories: await listCategoriesCached(db) }));
}

/** GET /api/models */
export function handleModels(db: Db, request: Request): Promise<Response> {
  return respondPublicJson(request, async () => {
    const models = await listModels(db);
    return json({
      models: models.map((m) => ({ ...m, releaseDate: m.releaseDate?.toISOString().slice(0, 10) ?? null })),
    });
  });
}

/** GET /api/models/{slug} */
export function handleModel(db: Db, request: Request, slug: string): Promise<Response> {
  return respondPublicJson(request, async () => {
    const parsed = slugSchema.safeParse(slug);
    const profile = parsed.success ? await getModelProfile(db, parsed.data, await getLatestSnapshot(db)) : null;
    if (!profile) throw new ApiError(404, "unknown_model", `There is no model "${slug}".`);
    return json(profile);
  });
}
