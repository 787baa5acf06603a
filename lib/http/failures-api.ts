import { FAILURE_TAGS } from "../arena/failure-tags";
import { failuresQuerySchema, selectFailures } from "../leaderboard/failure-view";
import { snapshotViewHandler } from "./snapshot-view-api";

/** GET /api/leaderboard/failures: failure rates per model and tag from the latest snapshot. */
export const handleFailures = snapshotViewHandler(
  "failures",
  failuresQuerySchema,
  (snapshot, query) => selectFailures(snapshot, query, FAILURE_TAGS),
  (query) => `${query.category}-${query.model ?? ""}`,
);
