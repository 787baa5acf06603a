import { FAILURE_TAGS } from "../arena/failure-tags";
import { failuresQuerySchema, selectFailures } from "../leaderboard/failure-view";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";

/** GET /api/leaderboard/failures: failure rates per model and tag from the latest snapshot. */
export const handleFailures = apiHandler({
  parse: (request) => parseQuery(request, failuresQuerySchema),
  call: async ({ db, leaderboard }: PublicContext, query, _caller, request) => {
    const snapshot = await leaderboard.latestSnapshot(db);
    const validators = {
      etag: `"${snapshot?.id ?? "none"}-failures-${query.category}-${query.model ?? ""}"`,
      lastModified: snapshot?.computedAt,
    };
    const body = notModified(request, validators.etag, validators.lastModified)
      ? ""
      : JSON.stringify(selectFailures(snapshot, query, FAILURE_TAGS));
    return publicJson(request, { ...validators, body });
  },
  headers: PUBLIC_CORS,
});
