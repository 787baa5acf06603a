import { z } from "zod";
import {
  battleResponseSchema,
  createBattleBodySchema,
  slugSchema,
  voteBodySchema,
  voteResponseSchema,
} from "../arena/schemas";
import { namedBattleBodySchema } from "../arena/serve-named-battle";
import { leaderboardApiQuerySchema } from "../leaderboard/leaderboard-api";
import { failuresQuerySchema, failuresResponseSchema } from "../leaderboard/failure-view";
import { leaderboardResponseSchema } from "../leaderboard/leaderboard-view";
import { body, error, ok, queryParameters, schema } from "./helpers";
import { operatorPaths, operatorSecuritySchemes } from "./operator-paths";

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const commonErrors = {
  "400": error("Malformed input"),
  "429": error("Rate limited (see Retry-After)"),
  "503": error("Database unavailable"),
};

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas the handlers
 * validate with, so the two cannot drift apart.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Clip Arena API",
      version: "1",
      description:
        "Blind pairwise votes on AI video models, and the leaderboards computed from them. Errors are { error: { code, message } }.",
    },
    paths: {
      "/api/battles": {
        post: {
          summary: "Serve a blind battle: two clips of one prompt from two hidden models",
          requestBody: body(createBattleBodySchema),
          responses: {
            "201": ok("The battle; sets the anonymous voter cookie", battleResponseSchema),
            "404": error("Unknown category or nothing to serve"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/battles/{battleId}/vote": {
        post: {
          summary: "Vote on a battle once, and see which models made the clips",
          parameters: [{ name: "battleId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: body(voteBodySchema),
          responses: {
            "201": ok("Vote stored; the models are revealed", voteResponseSchema),
            "403": error("The battle was served to another voter"),
            "404": error("Unknown battle"),
            "409": error("The battle already has a vote"),
            "410": error("The battle expired"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/compare/battles": {
        post: {
          summary: "Record a named side-by-side to vote on (stored as named, never rated)",
          requestBody: body(namedBattleBodySchema),
          responses: {
            "201": ok("The named battle", z.object({ battleId: z.string(), expiresAt: z.string() })),
            "404": error("No clip for a model"),
            ...commonErrors,
          },
        },
      },
      "/api/leaderboard": {
        get: {
          summary: "A leaderboard view from the latest snapshot (CORS-enabled, ETag)",
          parameters: queryParameters(leaderboardApiQuerySchema),
          responses: {
            "200": ok("Rows sorted by rating", leaderboardResponseSchema),
            "304": { description: "Not modified" },
            "404": error("Unknown category"),
            ...commonErrors,
          },
        },
      },
      "/api/leaderboard/failures": {
        get: {
          summary:
            "Failure rates per model and tag (share of a model's shown clips voters tagged, 95% Wilson intervals) and 'both bad' shares, from the latest snapshot",
          parameters: queryParameters(failuresQuerySchema),
          responses: {
            "200": ok("One row per model with votes in the category", failuresResponseSchema),
            "304": { description: "Not modified" },
            ...commonErrors,
          },
        },
      },
      "/api/categories": {
        get: { summary: "Categories with zh/en names", responses: { "200": { description: "Categories" } } },
      },
      "/api/models": {
        get: { summary: "All models, active and retired", responses: { "200": { description: "Models" } } },
      },
      "/api/models/{slug}": {
        get: {
          summary: "A model's ratings per category, opponents, failure tags and clips",
          parameters: [{ name: "slug", in: "path", required: true, schema: schema(slugSchema) }],
          responses: { "200": { description: "Model profile" }, "404": error("Unknown model") },
        },
      },
      ...operatorPaths(),
    },
    components: { schemas: { Error: schema(errorSchema) }, securitySchemes: operatorSecuritySchemes },
  };
}
