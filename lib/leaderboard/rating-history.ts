import { z } from "zod";
import type { Db } from "../db/client";
import { viewKey } from "./leaderboard-query";
import type { SnapshotData } from "./snapshot-data";

/** One point of a model's rating history: its Bradley-Terry rating after one recompute. */
export const ratingHistoryPointSchema = z.object({
  computedAt: z.string().describe("When the snapshot was computed (ISO 8601, UTC)."),
  rating: z.number().describe("Bradley-Terry rating, points."),
  ciLow: z.number().nullable().describe("Lower 95% bound; null when the votes cannot bound it (open interval)."),
  ciHigh: z.number().nullable().describe("Upper 95% bound; null when the votes cannot bound it (open interval)."),
  votes: z.number().int().describe("Counted votes the model had taken part in."),
});
export type RatingHistoryPoint = z.infer<typeof ratingHistoryPointSchema>;

/** Points returned per model: the newest ones. */
const HISTORY_POINTS = 200;

/**
 * One rating-history point per model in the unfiltered Bradley-Terry view of each category
 * ("overall" included), keyed by slug so a renamed model keeps its history. An open side of the
 * interval (only wins, only losses…) is kept as null, so a model's history starts with its first vote.
 */
export function ratingPoints(data: SnapshotData, computedAt: Date) {
  const slugOf = new Map(data.models.flatMap((m) => [[m.name, m.slug] as const, [m.slug, m.slug] as const]));
  return ["overall", ...data.categories].flatMap((category) =>
    (data.views[viewKey({ category, lang: "", mode: "" })]?.bt.rows ?? []).flatMap((row) => {
      const modelSlug = slugOf.get(row.model);
      if (!modelSlug) return [];
      const { rating, ciLow, ciHigh, votes } = row;
      return [{ computedAt, modelSlug, category, rating, ciLow, ciHigh, votes }];
    }),
  );
}

/** A model's rating after each recompute in a category ("overall" by default), oldest first. */
export async function getRatingHistory(db: Db, modelSlug: string, category = "overall"): Promise<RatingHistoryPoint[]> {
  const points = await db.ratingPoint.findMany({
    where: { modelSlug, category },
    orderBy: { computedAt: "desc" },
    take: HISTORY_POINTS,
    select: { computedAt: true, rating: true, ciLow: true, ciHigh: true, votes: true },
  });
  return points.reverse().map((point) => ({ ...point, computedAt: point.computedAt.toISOString() }));
}
