import type { z } from "zod";
import * as admin from "../../admin/schemas";
import { clipGenerationSchema, modelFactSchema } from "../../catalog/model-facts";
import { CSRF_HEADER } from "../../auth/csrf-header";
import { error, queryParameters, schema } from "./helpers";

/** Operators sign in through next-auth (a session cookie); writes also carry the session's CSRF token. */
export const operatorSecuritySchemes = {
  operatorSession: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
  csrfToken: { type: "apiKey", in: "header", name: CSRF_HEADER },
};

const READ = [{ operatorSession: [] }];
const WRITE = [{ operatorSession: [], csrfToken: [] }];
const errors = {
  "401": error("No operator session"),
  "403": error("Not an admin, or a missing CSRF token / foreign origin"),
  "400": error("Malformed input"),
};
const idParameter = { name: "id", in: "path", required: true, schema: schema(admin.idSchema) };

/** A JSON or multipart body from the same schema; `file` names the form's file field, if any. */
function formBody(s: z.ZodType, file?: string) {
  const multipart = schema(s) as { properties?: Record<string, unknown> };
  const withFile = file
    ? { ...multipart, properties: { ...multipart.properties, [file]: { type: "string", format: "binary" } } }
    : multipart;
  return {
    required: true,
    content: {
      ...(file ? {} : { "application/json": { schema: schema(s) } }),
      "multipart/form-data": { schema: withFile },
    },
  };
}

const write = (summary: string, requestBody: object, responses: object, parameters?: object[]) => ({
  summary,
  security: WRITE,
  ...(parameters ? { parameters } : {}),
  requestBody,
  responses: { ...responses, ...errors },
});

/** The operator API: catalog, uploads, import and moderation; admins only. */
export function operatorPaths() {
  return {
    "/api/admin/models": {
      post: write("Add a model", formBody(admin.createModelSchema), {
        "201": { description: "The model" },
        "409": error("Slug taken"),
      }),
    },
    "/api/admin/models/{id}": {
      patch: write(
        "Edit, deactivate or reactivate a model",
        formBody(admin.updateModelSchema),
        { "200": { description: "The model" }, "404": error("No such model") },
        [idParameter],
      ),
    },
    "/api/admin/models/{id}/facts": {
      get: {
        summary: "A model's dated price and generation-time history, newest first",
        security: READ,
        parameters: [idParameter],
        responses: {
          "200": { description: "{ facts: [{ id, kind, value, currency, effectiveDate, sourceUrl, createdAt }] }" },
          ...errors,
        },
      },
      post: write(
        "Add a dated, sourced fact: price per second of video (USD only) or typical generation time (s); the history keeps older ones",
        formBody(modelFactSchema),
        {
          "201": { description: "The fact" },
          "400": error("Negative value, unknown currency, non-http(s) source or a future date; names the field"),
          "404": error("No such model"),
        },
        [idParameter],
      ),
    },
    "/api/admin/clips/{id}/generation": {
      patch: write(
        "Set or clear a clip's reported generation time (s) and cost (USD)",
        formBody(clipGenerationSchema),
        { "200": { description: "{ id, generationSeconds, generationCostUsd }" }, "404": error("No such clip") },
        [idParameter],
      ),
    },
    "/api/admin/categories": {
      post: write("Add a category", formBody(admin.createCategorySchema), {
        "201": { description: "The category" },
        "409": error("Slug taken"),
      }),
    },
    "/api/admin/categories/{id}": {
      patch: write(
        "Rename a category",
        formBody(admin.renameCategorySchema),
        { "200": { description: "The category" } },
        [idParameter],
      ),
    },
    "/api/admin/prompts": {
      post: write("Add a prompt, with an optional start image", formBody(admin.promptSchema, "image"), {
        "201": { description: "{ id }" },
        "415": error("The image is not PNG, JPEG or WebP"),
      }),
    },
    "/api/admin/prompts/{id}": {
      patch: write(
        "Edit a prompt; a new image replaces the old",
        formBody(admin.promptSchema, "image"),
        { "200": { description: "{ id }" } },
        [idParameter],
      ),
    },
    "/api/admin/prompts/{id}/publish": {
      post: write(
        "Publish a prompt (its clips leave the arena, named pages show them) or return it to the blind pool",
        formBody(admin.promptPublicationSchema),
        { "200": { description: "{ id, publishedAt }" }, "404": error("No such prompt") },
        [idParameter],
      ),
    },
    "/api/admin/prompts/{id}/delivery-length": {
      post: write(
        "Set the length every clip of this prompt is delivered at (empty: its shortest clip); rendering is left to `npm run media:renditions`",
        formBody(admin.promptDeliveryLengthSchema),
        { "200": { description: "{ id, deliveryLengthMs, toRender, command }" }, "404": error("No such prompt") },
        [idParameter],
      ),
    },
    "/api/admin/prompts/{id}/takes": {
      post: write(
        "Let the arena serve this prompt's clips that are not first takes, or return it to first takes only",
        formBody(admin.promptTakesSchema),
        { "200": { description: "{ id, otherTakesAllowed }" }, "404": error("No such prompt") },
        [idParameter],
      ),
    },
    "/api/admin/clips": {
      post: write(
        "Upload a clip for a (prompt, model); duration and size are read from the file",
        formBody(admin.uploadClipSchema, "file"),
        {
          "201": { description: "{ id, created: true }" },
          "200": { description: "The same file was already there: { id, created: false }" },
          "413": error("Over MAX_UPLOAD_MB"),
          "415": error("Not MP4, WebM or MOV by its bytes"),
          "422": error("Duration and size unreadable"),
        },
      ),
    },
    "/api/admin/clips/{id}/original": {
      get: {
        summary: "The clip's original file as imported, for operators' previews (Range requests supported)",
        security: READ,
        parameters: [idParameter],
        responses: { "200": { description: "The file" }, "206": { description: "A byte range" }, ...errors },
      },
    },
    "/api/admin/clips/{id}": {
      patch: write(
        "Hide a clip (it stops being served) or show it again; mark it watermarked (out of every battle until replaced) or clear the mark",
        formBody(admin.clipVisibilitySchema),
        { "200": { description: "{ id, hidden, watermarked }" } },
        [idParameter],
      ),
    },
    "/api/admin/import": {
      post: write("Check (dryRun) or import a JSON or CSV manifest", formBody(admin.importSchema, "manifest"), {
        "200": { description: "{ dryRun, summary }: what the import would do (check) or did, per clip line" },
        "422": error("Invalid manifest: every problem with its line; nothing written"),
      }),
    },
    "/api/admin/releases": {
      post: {
        summary: "Freeze the next numbered dataset release (files, checksums, leaderboard)",
        security: WRITE,
        responses: {
          "201": { description: "The release manifest" },
          "409": error("Another release is being frozen (release_in_progress)"),
          ...errors,
        },
      },
    },
    "/api/admin/votes": {
      get: {
        summary: "Votes for moderation, with why each was flagged",
        security: READ,
        parameters: queryParameters(admin.voteFilterSchema),
        responses: { "200": { description: "{ votes, total, flaggedByReason }" }, ...errors },
      },
    },
    "/api/admin/votes/moderate": {
      post: write(
        "Exclude or restore up to 50 votes (repeat voteId) or all votes of a voter session (audited)",
        formBody(admin.moderateVotesSchema),
        {
          "200": { description: "{ changed }" },
          "404": error("No such vote or session"),
          "409": error("Only named votes chosen for a restore: they are never counted (named_vote)"),
        },
      ),
    },
    "/api/account/keys": {
      post: {
        summary: "Create an export API key for the signed-in admin or researcher (shown once)",
        security: WRITE,
        responses: { "201": { description: "{ id, key }" }, "401": errors["401"], "403": errors["403"] },
      },
    },
    "/api/account/keys/{id}/revoke": {
      post: {
        summary: "Revoke one of your own API keys",
        security: WRITE,
        parameters: [idParameter],
        responses: { "200": { description: "{ id, revoked }" }, "404": error("No such live key of yours"), ...errors },
      },
    },
    "/api/admin/audit": {
      get: {
        summary: "The newest audit log entries",
        security: READ,
        responses: { "200": { description: "{ entries }" }, ...errors },
      },
    },
  };
}
