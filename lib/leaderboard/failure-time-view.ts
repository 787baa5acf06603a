import { z } from "zod";
import { slugSchema } from "../shared-schemas";
import type { LoadedSnapshot } from "./latest-snapshot";
import { FAILURE_TIMES_METHOD } from "../ratings/failure-times";

export { FAILURE_TIMES_METHOD };

/** GET /api/leaderboard/failure-times's query. */
export const failureTimesQuerySchema = z.strictObject({
  category: z.union([z.literal("overall"), slugSchema]).default("overall"),
  /** One model's curve only. */
  model: slugSchema.optional(),
});
export type FailureTimesQuery = z.infer<typeof failureTimesQuerySchema>;

const msOrNull = (what: string) => z.number().nullable().describe(what);

export const failureTimesResponseSchema = z.object({
  category: z.string(),
  computedAt: z.string().nullable(),
  /** How the curves are estimated, for readers and citations. */
  method: z.string(),
  rows: z.array(
    z.object({
      model: z.string(),
      slug: z.string(),
      subjects: z.number().int().describe("Clip appearances in counted votes with a known first-failure time or none"),
      events: z.number().int().describe("Appearances with a marked failure"),
      censored: z.number().int().describe("Appearances without a tag: censored at the delivered clip's length"),
      lastTimeMs: z.number().describe("Latest failure or censoring time, ms: where the curve ends"),
      untimed: z.number().int().describe("Appearances tagged only without a time: left out of the curve"),
      medianMs: msOrNull("Median time to first failure, ms of the delivered clip; null when survival stays above 0.5"),
      medianLowMs: msOrNull("95% interval of the median, lower end (Brookmeyer-Crowley); null when undefined"),
      medianHighMs: msOrNull("95% interval of the median, upper end; null when the band never reaches 0.5"),
      points: z
        .array(
          z.object({
            timeMs: z.number(),
            atRisk: z.number().int(),
            events: z.number().int(),
            survival: z.number(),
            lower: z.number(),
            upper: z.number(),
          }),
        )
        .describe("Kaplan-Meier steps at each failure time with the 95% Greenwood log-log band; 1 before the first"),
    }),
  ),
});
export type FailureTimesResponse = z.infer<typeof failureTimesResponseSchema>;
export type FailureTimesResponseRow = FailureTimesResponse["rows"][number];

/**
 * The time-to-first-failure curves of one category from a snapshot, models by name; empty before
 * the first snapshot that has them. An unknown category or model gives no rows.
 */
export function selectFailureTimes(snapshot: LoadedSnapshot | null, query: FailureTimesQuery): FailureTimesResponse {
  const names = new Map(snapshot?.data.models.map((m) => [m.slug, m.name]));
  const rows = (snapshot?.data.failureTimes ?? [])
    .filter((row) => row.category === query.category && (!query.model || row.model === query.model))
    .map(({ model, category: _category, ...curve }) => ({ model: names.get(model) ?? model, slug: model, ...curve }));
  return {
    category: query.category,
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    method: FAILURE_TIMES_METHOD,
    rows,
  };
}
