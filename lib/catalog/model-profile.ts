import type { Db } from "../db/client";
import { z } from "zod";
import { failuresResponseSchema } from "../leaderboard/failure-view";
import { leaderboardRowSchema } from "../leaderboard/leaderboard-response";
import { getRatingHistory, ratingHistoryPointSchema } from "../leaderboard/rating-history";
import type { LoadedSnapshot } from "../leaderboard/latest-snapshot";
import { viewKey } from "../leaderboard/leaderboard-query";
import { publicRatingNumbers } from "../leaderboard/public-rating-row";
import { liveClipWhere, namedClipWhere } from "../clip-visibility";
import { findPlaceholderOnlyModels } from "./placeholder-models";

const failureRowSchema = failuresResponseSchema.shape.rows.element;

/** GET /api/models/{slug}: everything the model page shows. */
export const modelProfileSchema = z.object({
  slug: z.string(),
  name: z.string(),
  organisation: z.string(),
  version: z.string().nullable(),
  releaseDate: z.string().nullable().describe("YYYY-MM-DD"),
  url: z.string().nullable(),
  active: z.boolean(),
  /** Bradley-Terry rating per category ("overall" first), from the latest snapshot. */
  ratings: z.array(
    leaderboardRowSchema
      .pick({ rating: true, ciLow: true, ciHigh: true, group: true, rank: true, votes: true, winRate: true })
      .extend({ category: z.string() }),
  ),
  /** Win share against each opponent among decisive votes, overall (null: no decisive vote yet). */
  opponents: z.array(z.object({ model: z.string(), winShare: z.number().nullable(), votes: z.number().int() })),
  /**
   * Failure rates per category ("overall" first) from the latest snapshot: the share of this
   * model's shown clips voters tagged with each failure, and of "both bad" votes, with 95% Wilson
   * intervals.
   */
  failures: z.array(failureRowSchema.pick({ shown: true, bothBad: true, tags: true }).extend({ category: z.string() })),
  /** Overall Bradley-Terry rating after each recompute, oldest first. */
  history: z.array(ratingHistoryPointSchema),
  /** Whether every clip of this model is a demo placeholder (synthetic, not a real generation). */
  placeholderOnly: z.boolean(),
  /**
   * Why the model's other clips are not listed: live clips of prompts still in the blind pool
   * (named pages never show those), and clips out of use (hidden, retired, watermarked, or
   * without a delivery rendition). lib/clip-visibility.ts decides both.
   */
  hiddenClips: z.object({ inBlindPool: z.number().int(), outOfUse: z.number().int() }),
  clips: z.array(
    z.object({
      id: z.string(),
      promptId: z.string(),
      promptZh: z.string().nullable(),
      promptEn: z.string().nullable(),
      placeholder: z.boolean(),
    }),
  ),
});
export type ModelProfile = z.infer<typeof modelProfileSchema>;

/** GET /api/models: every model, active and retired, by name. */
export const modelListResponseSchema = z.object({
  models: z.array(
    modelProfileSchema.pick({
      slug: true,
      name: true,
      organisation: true,
      version: true,
      releaseDate: true,
      url: true,
      active: true,
    }),
  ),
});

const CLIPS_SHOWN = 4;

/** Everything the model page and GET /api/models/{slug} show; null for an unknown slug. */
export async function getModelProfile(
  db: Db,
  slug: string,
  snapshot: LoadedSnapshot | null,
): Promise<ModelProfile | null> {
  const model = await db.model.findUnique({ where: { slug } });
  if (!model) return null;
  const [history, clips, placeholderOnly, inBlindPool, live, total] = await Promise.all([
    getRatingHistory(db, model.slug),
    db.clip.findMany({
      // Only clips of published prompts: a model page must not catalogue the blind pool.
      where: { AND: [namedClipWhere(), { modelId: model.id }] },
      orderBy: { createdAt: "asc" },
      take: CLIPS_SHOWN,
      select: { id: true, promptId: true, placeholder: true, prompt: { select: { textZh: true, textEn: true } } },
    }),
    findPlaceholderOnlyModels(db),
    db.clip.count({ where: { AND: [liveClipWhere(), { modelId: model.id, prompt: { publishedAt: null } }] } }),
    db.clip.count({ where: { AND: [liveClipWhere(), { modelId: model.id }] } }),
    db.clip.count({ where: { modelId: model.id } }),
  ]);
  const failures = (snapshot?.data.failures ?? [])
    .filter((row) => row.model === model.slug)
    .map(({ category, shown, bothBad, tags }) => ({ category, shown, bothBad, tags }));

  const ratings = snapshot
    ? ["overall", ...snapshot.data.categories].flatMap((category) => {
        const row = snapshot.data.views[viewKey({ category, lang: "", mode: "" })]?.bt.rows.find(
          (r) => r.model === model.slug,
        );
        return row ? [{ category, ...publicRatingNumbers(row) }] : [];
      })
    : [];
  const overall = snapshot?.data.views[viewKey({ category: "overall", lang: "", mode: "" })]?.bt;
  // Ratings name models by slug; opponents are shown by display name.
  const nameBySlug = new Map(snapshot?.data.models.map((m) => [m.slug, m.name]));
  const me = overall?.models.indexOf(model.slug) ?? -1;
  const opponents =
    overall && me >= 0
      ? overall.models.flatMap((other, j) =>
          j === me
            ? []
            : [
                {
                  model: nameBySlug.get(other) ?? other,
                  winShare: overall.winFractions[me]?.[j] ?? null,
                  votes: overall.battleCounts[me]?.[j] ?? 0,
                },
              ],
        )
      : [];

  return {
    slug: model.slug,
    name: model.name,
    organisation: model.organisation,
    version: model.version,
    releaseDate: model.releaseDate?.toISOString().slice(0, 10) ?? null,
    url: model.url,
    active: model.active,
    ratings,
    opponents,
    failures,
    history,
    placeholderOnly: placeholderOnly.has(model.slug),
    hiddenClips: { inBlindPool, outOfUse: total - live },
    clips: clips.map((c) => ({
      id: c.id,
      promptId: c.promptId,
      promptZh: c.prompt.textZh,
      promptEn: c.prompt.textEn,
      placeholder: c.placeholder,
    })),
  };
}

/** The public model list: every model, active or retired. */
export function listModels(db: Db) {
  return db.model.findMany({
    select: { slug: true, name: true, organisation: true, version: true, releaseDate: true, url: true, active: true },
    orderBy: { name: "asc" },
  });
}
