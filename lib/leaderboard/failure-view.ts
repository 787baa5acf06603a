import { z } from "zod";
import { slugSchema } from "../shared-schemas";
import type { LoadedSnapshot } from "./latest-snapshot";

/** GET /api/leaderboard/failures's query. */
export const failuresQuerySchema = z.strictObject({
  category: z.union([z.literal("overall"), slugSchema]).default("overall"),
  /** One model's profile only. */
  model: slugSchema.optional(),
});
export type FailuresQuery = z.infer<typeof failuresQuerySchema>;

const shareSchema = z.object({
  share: z.number().describe("Share of the model's shown clips, 0–1"),
  ciLow: z.number().describe("95% Wilson interval, lower bound"),
  ciHigh: z.number().describe("95% Wilson interval, upper bound"),
  trials: z.number().int().describe("Appearances of the model's clips in counted votes (two per pair, four per quad)"),
});

export const failuresResponseSchema = z.object({
  category: z.string(),
  computedAt: z.string().nullable(),
  /** The failure tags, in display order. */
  tags: z.array(z.string()),
  rows: z.array(
    z.object({
      model: z.string(),
      slug: z.string(),
      /** Appearances of this model's clips in counted votes of this category (a pair shows two clips, a quad four). */
      shown: z.number().int(),
      /** Share of those appearances in a vote the voter called "both bad" (a quad: "all bad"). */
      bothBad: shareSchema,
      /** Per tag: share of those appearances voters tagged with it (a quad's worst is not a failure). */
      tags: z.record(z.string(), shareSchema),
    }),
  ),
});
export type FailuresResponse = z.infer<typeof failuresResponseSchema>;

/**
 * The failure profile of one category from a snapshot, models by name; empty before the first
 * snapshot that has one. An unknown category or model gives no rows.
 */
export function selectFailures(
  snapshot: LoadedSnapshot | null,
  query: FailuresQuery,
  tags: readonly string[],
): FailuresResponse {
  const names = new Map(snapshot?.data.models.map((m) => [m.slug, m.name]));
  const rows = (snapshot?.data.failures ?? [])
    .filter((row) => row.category === query.category && (!query.model || row.model === query.model))
    .map(({ model, shown, bothBad, tags: shares }) => ({
      model: names.get(model) ?? model,
      slug: model,
      shown,
      bothBad,
      tags: shares,
    }));
  return {
    category: query.category,
    computedAt: snapshot?.computedAt.toISOString() ?? null,
    tags: [...tags],
    rows,
  };
}
