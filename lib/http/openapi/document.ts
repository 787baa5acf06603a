import { z } from "zod";
import {
  amendTagsBodySchema,
  amendTagsResponseSchema,
  battleIdSchema,
  battleResponseSchema,
  createBattleBodySchema,
  quadBattleResponseSchema,
  quadVoteBodySchema,
  quadVoteResponseSchema,
  recognitionBodySchema,
  recognitionResponseSchema,
  skipBodySchema,
  skipResponseSchema,
  voteBodySchema,
  voteResponseSchema,
} from "../../arena/schemas";
import { slugSchema } from "../../shared-schemas";
import { categoryListResponseSchema } from "../../catalog/categories";
import { modelListResponseSchema, modelProfileSchema } from "../../catalog/model-profile";
import { namedBattleBodySchema } from "../../arena/serve-named-battle";
import { leaderboardApiQuerySchema } from "../leaderboard-api";
import { failuresQuerySchema, failuresResponseSchema } from "../../leaderboard/failure-view";
import { failureTimesQuerySchema, failureTimesResponseSchema } from "../../leaderboard/failure-time-view";
import { leaderboardResponseSchema } from "../../leaderboard/leaderboard-response";
import { voterBoardSchema } from "../../leaderboard/voter-board";
import { recognitionResponseSchema as recognitionRatesSchema } from "../../leaderboard/recognition-view";
import { checkAccuracyResponseSchema } from "../../leaderboard/check-view";
import { body, error, ok, queryParameters, schema } from "./helpers";
import { dataPaths, researcherSecurityScheme } from "./data-paths";
import { operatorPaths, operatorSecuritySchemes } from "./operator-paths";

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional().describe("The input to blame, by its name in the request (400 and 409 only)."),
    issue: z.string().optional().describe("What is wrong with that input: required, too_small, too_big, taken, …"),
  }),
});

/** A battle's id, as POST /api/battles returned it. */
const battleIdParameter = { name: "battleId", in: "path", required: true, schema: schema(battleIdSchema) };

const commonErrors = {
  "400": error("Malformed input"),
  "429": error("Rate limited (see Retry-After)"),
  "503": error("Database unavailable"),
};

/** Voter writes refuse cross-site requests (lib/http/voter-write-guard.ts). */
const voterWriteErrors = {
  "403": error(
    "Cross-site request: Sec-Fetch-Site must be same-origin or none, or Origin this host (or a battle served to another voter)",
  ),
  "415": error("Content-Type is not application/json"),
};
const VOTER_WRITE_NOTE =
  " Needs Content-Type application/json and, from a browser, a same-origin Origin or Sec-Fetch-Site (same-origin or none).";

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
          summary: "Serve a blind battle: two clips of one prompt from two hidden models, or four with size 4 (a quad)",
          description: `Sets the anonymous voter cookie on a first visit. A quad (size 4) comes from a prompt with clips from at least four models, and is never a known-answer check.${VOTER_WRITE_NOTE}`,
          requestBody: body(createBattleBodySchema),
          responses: {
            ...voterWriteErrors,
            "201": ok(
              "The battle (a pair, or a quad when size is 4); sets the anonymous voter cookie",
              z.union([battleResponseSchema, quadBattleResponseSchema]),
            ),
            "404": error("Unknown category or nothing to serve"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/battles/{battleId}/vote": {
        post: {
          summary: "Vote on a battle once, and see which models made the clips",
          description: `Only the voter the battle was served to may vote. A pair takes outcome (and tags by left and right); a quad takes best and worst, two different sides a to d, or outcome all_bad (and tags by side a to d). A body of the other battle size is a 400 naming its field.${VOTER_WRITE_NOTE}`,
          parameters: [battleIdParameter],
          requestBody: body(z.union([voteBodySchema, quadVoteBodySchema])),
          responses: {
            "201": ok(
              "Vote stored; the models are revealed (all four, by side, on a quad)",
              z.union([voteResponseSchema, quadVoteResponseSchema]),
            ),
            ...voterWriteErrors,
            "404": error("Unknown battle"),
            "409": error("The battle already has a vote, or was skipped"),
            "410": error("The battle expired"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/battles/{battleId}/tags": {
        put: {
          summary: "Replace the failure tags of your vote on a battle, until you are served another battle",
          description: `Tags may go with the vote or be set here after it, on the reveal. The body is the whole new set.${VOTER_WRITE_NOTE}`,
          parameters: [battleIdParameter],
          requestBody: body(amendTagsBodySchema),
          responses: {
            "200": ok("Tags stored; the vote carries exactly these", amendTagsResponseSchema),
            ...voterWriteErrors,
            "404": error("Unknown battle"),
            "409": error(
              "The battle has no vote yet (not_voted), or you were served another battle since (tags_closed)",
            ),
            "410": error("The battle expired"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/battles/{battleId}/skip": {
        post: {
          summary:
            "Skip a battle instead of voting (never counted); optionally report the side whose clip failed to play",
          parameters: [battleIdParameter],
          requestBody: body(skipBodySchema),
          responses: {
            "200": ok("Skip recorded; the battle can no longer be voted on", skipResponseSchema),
            "403": error("The battle was served to another voter"),
            "404": error("Unknown battle"),
            "409": error("The battle already has a vote, or was skipped already"),
            "410": error("The battle expired"),
            "413": error("Body over 4 KiB"),
            ...commonErrors,
          },
        },
      },
      "/api/battles/{battleId}/recognition": {
        post: {
          summary:
            "Answer the recognition survey a vote asked (its response carried `survey`): the model the voter recognised, or null for neither",
          description: `Optional, after the vote and before the reveal; one answer per vote.${VOTER_WRITE_NOTE}`,
          parameters: [battleIdParameter],
          requestBody: body(recognitionBodySchema),
          responses: {
            "201": ok("Answer stored", recognitionResponseSchema),
            ...voterWriteErrors,
            "400": error("The survey was not asked for this vote, or the model was not one of its candidates"),
            "404": error("No vote of this voter on the battle"),
            "409": error("The survey was answered already"),
            "413": error("Body over 4 KiB"),
            "429": error("Rate limited (see Retry-After)"),
            "503": error("Database unavailable"),
          },
        },
      },
      "/api/compare/battles": {
        post: {
          summary: "Record a named side-by-side to vote on (stored as named, never rated)",
          description: VOTER_WRITE_NOTE.trim(),
          requestBody: body(namedBattleBodySchema),
          responses: {
            ...voterWriteErrors,
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
      "/api/leaderboard/failure-times": {
        get: {
          summary:
            "Time to first failure per model: Kaplan-Meier survival of clip appearances in counted votes until the first failure a voter marked (censored at the delivered clip's length), 95% Greenwood log-log bands, median with its Brookmeyer-Crowley interval, from the latest snapshot",
          parameters: queryParameters(failureTimesQuerySchema),
          responses: {
            "200": ok("One row per model with counted votes in the category", failureTimesResponseSchema),
            "304": { description: "Not modified" },
            ...commonErrors,
          },
        },
      },
      "/api/leaderboard/recognition": {
        get: {
          summary:
            "Recognition survey: per model, the share of answered surveys that named it when it was in the battle, against chance (1 / candidates offered), with 95% Wilson intervals, from the latest snapshot",
          responses: {
            "200": ok("One row per model shown in an answered survey, then the 'any' row", recognitionRatesSchema),
            "304": { description: "Not modified" },
            ...commonErrors,
          },
        },
      },
      "/api/me/board": {
        get: {
          summary: "Your own board: your Bradley-Terry ranking, agreement with the crowd (after 20 counted votes)",
          description:
            "Bound to the voter cookie (ca_voter) and nothing else: no id in the URL, so nobody can read another voter's board. Before votesNeeded counted votes, board and agreement are null and countedVotes says how far along you are. Agreement: the share of your decisive counted votes whose winner is rated higher on the published overall board, with a 95% Wilson interval; pairs the board does not order are counted in notComparable.",
          responses: {
            "200": ok("Your board", voterBoardSchema),
            "404": error("No valid voter cookie (no_voter_session)"),
            "429": error("Rate limited (see Retry-After)"),
            "503": error("Database unavailable, or too many boards being fitted (busy, see Retry-After)"),
          },
        },
      },
      "/api/me/votes": {
        delete: {
          summary: "Delete every vote of your voting session",
          description: `Deletes the votes (and their failure tags) of the cookie's session only: they leave the leaderboard at the next recompute and every later export; frozen releases are not rewritten. The battles they were cast on expire.${VOTER_WRITE_NOTE}`,
          responses: {
            "200": ok("How many votes were deleted", z.object({ deleted: z.number().int() })),
            ...voterWriteErrors,
            "404": error("No valid voter cookie (no_voter_session)"),
            "429": error("Rate limited (see Retry-After)"),
            "503": error("Database unavailable"),
          },
        },
      },
      "/api/leaderboard/checks": {
        get: {
          summary:
            "Known-answer (check) battles: the crowd's accuracy at choosing a clip over its own degraded twin, overall, per category and per month (UTC), with 95% Wilson intervals, and how many votes the known-answer rule flagged (failed_checks: a session whose accuracy's upper bound is below `rule.threshold` after `rule.minChecks` checks), from the latest snapshot",
          responses: {
            "200": ok("Accuracy cells and the rule's exclusions", checkAccuracyResponseSchema),
            "304": { description: "Not modified" },
            ...commonErrors,
          },
        },
      },
      "/api/categories": {
        get: {
          summary: "Categories with zh/en names",
          responses: { "200": ok("Categories", categoryListResponseSchema) },
        },
      },
      "/api/models": {
        get: {
          summary: "All models, active and retired",
          responses: { "200": ok("Models", modelListResponseSchema) },
        },
      },
      "/api/models/{slug}": {
        get: {
          summary: "A model's ratings per category, opponents, failure tags and clips",
          parameters: [{ name: "slug", in: "path", required: true, schema: schema(slugSchema) }],
          description:
            "history holds the overall rating after each recompute, oldest first; a null ciLow or ciHigh is an open side of the interval (the votes cannot bound it).",
          responses: { "200": ok("Model profile", modelProfileSchema), "404": error("Unknown model") },
        },
      },
      ...dataPaths(),
      ...operatorPaths(),
    },
    components: {
      schemas: { Error: schema(errorSchema) },
      securitySchemes: { ...operatorSecuritySchemes, ...researcherSecurityScheme },
    },
  };
}
