import type { ArenaCache } from "../arena/arena-cache";
import fs from "node:fs";
import type { z } from "zod";
import { requireOperator } from "../auth/operator-session";
import type { Role } from "../auth/operators";
import type { Db } from "../db/client";
import { readJsonBody } from "./body";
import { apiHandler } from "./api-handler";
import { parseQuery } from "./public-api";
import { serveStoredFile } from "./serve-file";
import { readUpload, type UploadedForm } from "./upload";
import type { MediaStore } from "../storage/media-store";
import { listAuditLog } from "../audit";
import * as catalog from "../admin/catalog-edits";
import { setClipState, uploadClip } from "../admin/clips";
import { listVotesForModeration, moderateVotes } from "../admin/moderation";
import { importManifest } from "../admin/import-manifest";
import { savePrompt, setPromptOtherTakes, setPromptPublished } from "../admin/prompts";
import { setDeliveryLength } from "../admin/delivery-length";
import { freezeRelease } from "../admin/releases";
import * as schemas from "../admin/schemas";
import {
  addModelFact,
  clipGenerationSchema,
  listModelFacts,
  modelFactSchema,
  setClipGeneration,
} from "../catalog/model-facts";

/** What the operator endpoints need; tests pass their own. */
export interface AdminContext {
  db: Db;
  /** The arena's caches, which an edit of the catalog or of votes invalidates (shared with the arena's context). */
  arenaCache: ArenaCache;
  secret: string;
  store: MediaStore;
  maxUploadBytes: number;
  /** Folder that relative file paths in uploaded manifests are inside of. */
  importDir: string;
  /** Downloads https files named in manifests; tests route it to a local server. */
  fetchImpl?: typeof fetch;
  /** Resolves host names before each download; tests stand in for DNS. */
  lookupImpl?: (hostname: string) => Promise<string[]>;
  /** The bootstrap rounds of dataset releases' leaderboards. */
  releases: { bootstrap: number; checkRule?: { threshold: number; minChecks: number } };
}

const ADMIN: readonly Role[] = ["admin"];
const NO_STORE = { "Cache-Control": "no-store" };

/** The admin endpoints' permission step: a signed-in admin (401, 403, and the CSRF check on writes). */
const adminOnly = (ctx: AdminContext, request: Request) => requireOperator(ctx.db, ctx.secret, request, ADMIN);

/** The path's `{id}`, validated. */
const pathId = (_request: Request, [id]: [string]) => schemas.idSchema.parse(id);

/** A form's fields as an object for zod: multipart from the pages, JSON from API clients. */
async function readInput<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    return readJsonBody(request, schema);
  const form = await readUpload(request);
  await form.discard();
  return schema.parse(form.fields);
}

/** Reads a form that may carry a file, runs `handle` on it, and always removes the temporary file. */
async function withUpload<T>(
  ctx: AdminContext,
  request: Request,
  fileField: string,
  handle: (form: UploadedForm) => Promise<T>,
): Promise<T> {
  const form = await readUpload(request, { fileField, maxFileBytes: ctx.maxUploadBytes });
  try {
    return await handle(form);
  } finally {
    await form.discard();
  }
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: NO_STORE });

/** POST /api/admin/models */
export const handleCreateModel = apiHandler({
  permit: adminOnly,
  parse: (request) => readInput(request, schemas.createModelSchema),
  call: async (ctx, input, op) => json(await catalog.createModel(ctx.db, op.id, input), 201),
});

/** PATCH /api/admin/models/{id} */
export const handleUpdateModel = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    id: schemas.idSchema.parse(id),
    changes: await readInput(request, schemas.updateModelSchema),
  }),
  call: async (ctx, { id, changes }, op) => json(await catalog.updateModel(ctx.db, ctx.arenaCache, op.id, id, changes)),
});

/** POST /api/admin/models/{id}/facts: add a dated, sourced price or generation time to the model's history. */
export const handleAddModelFact = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    id: schemas.idSchema.parse(id),
    fact: await readInput(request, modelFactSchema),
  }),
  call: async (ctx, { id, fact }, op) => json(await addModelFact(ctx.db, op.id, id, fact), 201),
});

/** GET /api/admin/models/{id}/facts: the model's whole fact history, newest first. */
export const handleListModelFacts = apiHandler({
  permit: adminOnly,
  parse: pathId,
  call: async (ctx, id) => json({ facts: await listModelFacts(ctx.db, id) }),
});

/** PATCH /api/admin/clips/{id}/generation: the clip's generation time and cost as reported (null clears). */
export const handleClipGeneration = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    id: schemas.idSchema.parse(id),
    input: await readInput(request, clipGenerationSchema),
  }),
  call: async (ctx, { id, input }, op) => json(await setClipGeneration(ctx.db, op.id, id, input)),
});

/** POST /api/admin/categories */
export const handleCreateCategory = apiHandler({
  permit: adminOnly,
  parse: (request) => readInput(request, schemas.createCategorySchema),
  call: async (ctx, input, op) => json(await catalog.createCategory(ctx.db, op.id, input), 201),
});

/** PATCH /api/admin/categories/{id} */
export const handleRenameCategory = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    id: schemas.idSchema.parse(id),
    changes: await readInput(request, schemas.renameCategorySchema),
  }),
  call: async (ctx, { id, changes }, op) => json(await catalog.renameCategory(ctx.db, op.id, id, changes)),
});

/**
 * POST /api/admin/prompts (id null) and PATCH /api/admin/prompts/{id}: multipart, optional `image`
 * file. The form is read in the call step, which removes its temporary file when done.
 */
export const handleSavePrompt = apiHandler({
  permit: adminOnly,
  parse: (_request, [id]: [string | null]) => (id === null ? null : schemas.idSchema.parse(id)),
  call: async (ctx, promptId, op, request) => {
    const saved = await withUpload(ctx, request, "image", (form) =>
      savePrompt(
        ctx.db,
        ctx.arenaCache,
        ctx.store,
        op.id,
        promptId,
        schemas.promptSchema.parse(form.fields),
        form.file,
      ),
    );
    return json(saved, promptId === null ? 201 : 200);
  },
});

/** POST /api/admin/clips: multipart with the video as `file`. 201 when added, 200 when the same file was there. */
export const handleUploadClip = apiHandler({
  permit: adminOnly,
  call: async (ctx, _input, op, request) => {
    const result = await withUpload(ctx, request, "file", async (form) => {
      const fields = schemas.uploadClipSchema.parse(form.fields);
      if (!form.file) throw schemas.missingFileError("file");
      return uploadClip(ctx.db, ctx.arenaCache, ctx.store, op.id, fields, form.file);
    });
    return json(result, result.created ? 201 : 200);
  },
});

/** PATCH /api/admin/clips/{id}: hide or show a clip, mark it watermarked or clear the mark. */
export const handleClipVisibility = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    ...(await readInput(request, schemas.clipVisibilitySchema)),
    id: schemas.idSchema.parse(id),
  }),
  call: async (ctx, { id, reason, ...change }, op) =>
    json(await setClipState(ctx.db, ctx.arenaCache, op.id, id, change, reason)),
});

/** POST /api/admin/prompts/{id}/takes: allow this prompt's later takes in the arena, or first takes only. */
export const handlePromptTakes = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    ...(await readInput(request, schemas.promptTakesSchema)),
    id: schemas.idSchema.parse(id),
  }),
  call: async (ctx, { id, otherTakesAllowed, reason }, op) =>
    json(await setPromptOtherTakes(ctx.db, ctx.arenaCache, op.id, id, otherTakesAllowed, reason)),
});

/**
 * POST /api/admin/prompts/{id}/delivery-length: set the length every rendition of the prompt is
 * rendered to; answers how many clips need new renditions and the command that makes them.
 */
export const handlePromptDeliveryLength = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    ...(await readInput(request, schemas.promptDeliveryLengthSchema)),
    id: schemas.idSchema.parse(id),
  }),
  call: async (ctx, { id, deliveryLengthMs, reason }, op) =>
    json(await setDeliveryLength(ctx.db, ctx.arenaCache, op.id, id, deliveryLengthMs, reason)),
});

/** POST /api/admin/prompts/{id}/publish: publish a prompt (its clips leave the arena) or return it to the pool. */
export const handlePromptPublication = apiHandler({
  permit: adminOnly,
  parse: async (request, [id]: [string]) => ({
    ...(await readInput(request, schemas.promptPublicationSchema)),
    id: schemas.idSchema.parse(id),
  }),
  call: async (ctx, { id, published, reason }, op) =>
    json(await setPromptPublished(ctx.db, ctx.arenaCache, op.id, id, published, reason)),
});

/** GET /api/admin/clips/{id}/original: the imported file, for operators' previews (never for voters). */
export const handleClipOriginal = apiHandler({
  permit: adminOnly,
  parse: pathId,
  call: async (ctx, id, _op, request) => {
    const clip = await ctx.db.clip.findUnique({ where: { id }, select: { storageKey: true, mimeType: true } });
    return serveStoredFile(ctx.store, request, clip, "private, no-store");
  },
});

/** POST /api/admin/import: multipart with the manifest as `manifest`, and `dryRun` to only check it. */
export const handleImport = apiHandler({
  permit: adminOnly,
  call: async (ctx, _input, op, request) => {
    const { text, dryRun } = await withUpload(ctx, request, "manifest", async (form) => {
      if (!form.file) throw schemas.missingFileError("manifest");
      return {
        text: await fs.promises.readFile(form.file.path, "utf8"),
        dryRun: schemas.importSchema.parse(form.fields).dryRun,
      };
    });
    const result = await importManifest(ctx.db, ctx.store, text, { ...ctx, actorId: op.id, dryRun });
    // The catalog changed: the arena reads its pool and demo state again (ArenaCache).
    if (!dryRun) ctx.arenaCache.invalidate();
    return json(result);
  },
});

/** POST /api/admin/releases: freezes the next numbered dataset release → 201 with its manifest. */
export const handleCreateRelease = apiHandler({
  permit: adminOnly,
  call: async (ctx, _input, op) => json(await freezeRelease(ctx.db, ctx.store, op.id, ctx.releases), 201),
});

/** GET /api/admin/votes */
export const handleListVotes = apiHandler({
  permit: adminOnly,
  parse: (request) => parseQuery(request, schemas.voteFilterSchema),
  call: async (ctx, filter) => json(await listVotesForModeration(ctx.db, filter)),
});

/** POST /api/admin/votes/moderate */
export const handleModerateVotes = apiHandler({
  permit: adminOnly,
  parse: (request) => readInput(request, schemas.moderateVotesSchema),
  call: async (ctx, input, op) => json(await moderateVotes(ctx.db, ctx.arenaCache, op.id, input)),
});

/** GET /api/admin/audit */
export const handleAuditLog = apiHandler({
  permit: adminOnly,
  call: async (ctx) => json({ entries: await listAuditLog(ctx.db) }),
});
