import { failureTimesQuerySchema, selectFailureTimes } from "../leaderboard/failure-time-view";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";

/** GET /api/leaderboard/failure-times: time to first failure per model (Kaplan-Meier) from the latest snapshot. */
export const handleFailureTimes = apiHandler({
  parse: (request) => parseQuery(request, failureTimesQuerySchema),
  call: async ({ db, leaderboard }: PublicContext, query, _caller, request) => {
    const snapshot = await leaderboard.latestSnapshot(db);
    const validators = {
      etag: `"${snapshot?.id ?? "none"}-failure-times-${query.category}-${query.model ?? ""}"`,
      lastModified: snapshot?.computedAt,
    };
    const body = notModified(request, validators.etag, validators.lastModified)
      ? ""
      : JSON.stringify(selectFailureTimes(snapshot, query));
    return publicJson(request, { ...validators, body });
  },
  headers: PUBLIC_CORS,
});
