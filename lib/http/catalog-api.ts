import { ApiError } from "../errors";
import { apiHandler } from "./api-handler";
import { PUBLIC_CORS, type PublicContext, publicJson } from "./public-api";
import { slugSchema } from "../shared-schemas";
import { getModelProfile, listModels } from "../catalog/model-profile";

const json = (value: unknown) => {
  const body = JSON.stringify(value);
  // A weak validator from the body itself: these lists are small and change rarely.
  let hash = 0;
  for (let i = 0; i < body.length; i += 1) hash = (Math.imul(hash, 31) + body.charCodeAt(i)) | 0;
  return { etag: `W/"${(hash >>> 0).toString(36)}-${body.length}"`, body };
};

/** GET /api/categories */
export const handleCategories = apiHandler({
  call: async ({ db, categories }: PublicContext, _input, _caller, request) =>
    publicJson(request, json({ categories: await categories.list(db) })),
  headers: PUBLIC_CORS,
});

/** GET /api/models */
export const handleModels = apiHandler({
  call: async ({ db }: PublicContext, _input, _caller, request) => {
    const models = await listModels(db);
    return publicJson(
      request,
      json({ models: models.map((m) => ({ ...m, releaseDate: m.releaseDate?.toISOString().slice(0, 10) ?? null })) }),
    );
  },
  headers: PUBLIC_CORS,
});

/** GET /api/models/{slug}: 404 for a slug that names no model, well-formed or not. */
export const handleModel = apiHandler({
  parse: (_request, [slug]: [string]) => ({ slug, valid: slugSchema.safeParse(slug) }),
  call: async ({ db, leaderboard }: PublicContext, { slug, valid }, _caller, request) => {
    const profile = valid.success ? await getModelProfile(db, valid.data, await leaderboard.latestSnapshot(db)) : null;
    if (!profile) throw new ApiError(404, "unknown_model", `There is no model "${slug}".`);
    return publicJson(request, json(profile));
  },
  headers: PUBLIC_CORS,
});
