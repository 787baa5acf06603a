import { z } from "zod";
import { selectChecks } from "../leaderboard/check-view";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";

/** It takes no parameters; an unknown one is a 400 rather than silently ignored. */
export const checkAccuracyQuerySchema = z.strictObject({});

/**
 * GET /api/leaderboard/checks: the crowd's accuracy on known-answer (check) battles overall, per
 * category and per month with 95% Wilson intervals, and how many votes the known-answer rule
 * flagged, from the latest snapshot (lib/leaderboard/check-view.ts).
 */
export const handleCheckAccuracy = apiHandler({
  parse: (request) => parseQuery(request, checkAccuracyQuerySchema),
  call: async ({ db, leaderboard }: PublicContext, _input, _caller, request) => {
    const snapshot = await leaderboard.latestSnapshot(db);
    const validators = { etag: `"${snapshot?.id ?? "none"}-checks"`, lastModified: snapshot?.computedAt };
    const body = notModified(request, validators.etag, validators.lastModified)
      ? ""
      : JSON.stringify(selectChecks(snapshot));
    return publicJson(request, { ...validators, body });
  },
  headers: PUBLIC_CORS,
});
