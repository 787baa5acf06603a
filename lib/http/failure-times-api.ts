import { failureTimesQuerySchema, selectFailureTimes } from "../leaderboard/failure-time-view";
import { snapshotViewHandler } from "./snapshot-view-api";

/** GET /api/leaderboard/failure-times: time to first failure per model (Kaplan-Meier) from the latest snapshot. */
export const handleFailureTimes = snapshotViewHandler(
  "failure-times",
  failureTimesQuerySchema,
  selectFailureTimes,
  (query) => `${query.category}-${query.model ?? ""}`,
);
