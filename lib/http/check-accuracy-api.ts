import { z } from "zod";
import { selectChecks } from "../leaderboard/check-view";
import { snapshotViewHandler } from "./snapshot-view-api";

/** It takes no parameters; an unknown one is a 400 rather than silently ignored. */
export const checkAccuracyQuerySchema = z.strictObject({});

/**
 * GET /api/leaderboard/checks: the crowd's accuracy on known-answer (check) battles overall, per
 * category and per month with 95% Wilson intervals, and how many votes the known-answer rule
 * flagged, from the latest snapshot (lib/leaderboard/check-view.ts).
 */
export const handleCheckAccuracy = snapshotViewHandler("checks", checkAccuracyQuerySchema, selectChecks);
