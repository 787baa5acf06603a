import { z } from "zod";
import { selectRecognition } from "../leaderboard/recognition-view";
import { snapshotViewHandler } from "./snapshot-view-api";

/** It takes no parameters; an unknown one is a 400 rather than silently ignored. */
export const recognitionRatesQuerySchema = z.strictObject({});

/**
 * GET /api/leaderboard/recognition: the recognition survey's identification rates per model
 * against chance (95% Wilson intervals), from the latest snapshot.
 */
export const handleRecognitionRates = snapshotViewHandler(
  "recognition",
  recognitionRatesQuerySchema,
  selectRecognition,
);
