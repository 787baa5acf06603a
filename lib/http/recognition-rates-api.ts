import { z } from "zod";
import { selectRecognition } from "../leaderboard/recognition-view";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";

/** It takes no parameters; an unknown one is a 400 rather than silently ignored. */
export const recognitionRatesQuerySchema = z.strictObject({});

/**
 * GET /api/leaderboard/recognition: the recognition survey's identification rates per model
 * against chance (95% Wilson intervals), from the latest snapshot.
 */
export const handleRecognitionRates = apiHandler({
  parse: (request) => parseQuery(request, recognitionRatesQuerySchema),
  call: async ({ db, leaderboard }: PublicContext, _input, _caller, request) => {
    const snapshot = await leaderboard.latestSnapshot(db);
    const validators = { etag: `"${snapshot?.id ?? "none"}-recognition"`, lastModified: snapshot?.computedAt };
    const body = notModified(request, validators.etag, validators.lastModified)
      ? ""
      : JSON.stringify(selectRecognition(snapshot));
    return publicJson(request, { ...validators, body });
  },
  headers: PUBLIC_CORS,
});
