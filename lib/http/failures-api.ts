import { FAILURE_TAGS } from "../arena/failure-tags";
import type { Db } from "../db/client";
import { failuresQuerySchema, selectFailures } from "../leaderboard/failure-view";
import { getLatestSnapshot } from "../leaderboard/latest-snapshot";
import { parseQuery, respondPublicJson } from "./public-api";

/** GET /api/leaderboard/failures: failure rates per model and tag from the latest snapshot. */
export function handleFailures(db: Db, request: Request): Promise<Response> {
  return respondPublicJson(request, async () => {
    const query = parseQuery(request, failuresQuerySchema);
    const snapshot = await getLatestSnapshot(db);
    const body = JSON.stringify(selectFailures(snapshot, query, FAILURE_TAGS));
    return { etag: `"${snapshot?.id ?? "none"}-failures-${query.category}-${query.model ?? ""}"`, body };
  });
}
