import { z } from "zod";
import { DomainError } from "../errors";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { PublishedView } from "./snapshot-data";
import type { LeaderboardQuery } from "./leaderboard-query";
import { isFittedOnRequest, viewKey } from "./leaderboard-query";
import { publicRatingNumbers } from "./public-rating-row";

export const leaderboardRowSchema = z.object({
  model: z.string(),
  slug: z.string(),
  organisation: z.string(),
  active: z.boolean(),
  rating: z.number(),
  /** null: the interval is open on that side (the votes cannot bound it, e.g. only wins). */
  ciLow: z.number().nullable().describe("Lower 95% bound; null when the votes cannot bound it (open interval)."),
  ciHigh: z.number().nullable().describe("Upper 95% bound; null when the votes cannot bound it (open interval)."),
  group: z
    .number()
    .int()
    .describe("Connected group of models (0 = largest); ratings and ranks compare only within a group."),
  rank: z.number().int().describe("Rank (UB) within the model's group; no rank compares different groups."),
  tier: z
    .number()
    .int()
    .nullable()
    .describe(
      "Statistical tier within the group: walking established models from the highest rating down, the first opens tier 1 and its lower bound is the tier's anchor; a model joins the open tier while its upper bound is at least the anchor, otherwise it opens the next tier with its own lower bound. Models of one tier cannot be told apart from its leader. Null for provisional models (and for snapshots computed before tiers existed).",
    ),
  votes: z.number().int(),
  winRate: z.number(),
  provisional: z
    .boolean()
    .describe(
      "True when the model has fewer than 20 counted votes or an open interval side: its rating leans on the prior, it is listed after the established models of its group and does not move their rank.",
    ),
});

/** A clip property's effect on votes under style control, in rating points per unit. */
export const styleEffectSchema = z.object({
  feature: z.enum(["duration", "resolution", "fps", "audio"]),
  unit: z.string(),
  points: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /** False when the votes cannot tell this property from the models: no compared clips differ in it, or each model's clips all share one value. */
  estimable: z
    .boolean()
    .describe(
      "False when the votes cannot tell this property from the models: no compared clips differ in it, or each model's clips all share one value.",
    ),
});

export const leaderboardResponseSchema = z.object({
  category: z.string(),
  method: z.enum(["bt", "bt-half", "elo"]),
  /** What the bootstrap resampled: single votes, voter sessions or prompts. */
  cluster: z.enum(["none", "voter", "prompt"]),
  control: z.enum(["none", "style"]),
  /** With control=style: each clip property's estimated effect, with its 95% interval. */
  effects: z.array(styleEffectSchema).optional(),
  lang: z.string(),
  mode: z.string(),
  period: z.string(),
  /** The date range (UTC days, both included) when one was asked for instead of a period. */
  from: z.string().optional(),
  to: z.string().optional(),
  /** `recognised` when the votes whose voter named a model in the recognition survey are left out. */
  exclude: z.literal("recognised").optional(),
  computedAt: z.string().nullable(),
  votes: z.number().int(),
  rows: z.array(leaderboardRowSchema),
  warnings: z.array(z.string()),
});
export type LeaderboardResponse = z.infer<typeof leaderboardResponseSchema>;

/**
 * The leaderboard for a query, read from a snapshot (null: nothing computed yet), or, for a query
 * fitted on request (isFittedOnRequest: a date range, `exclude=recognised`, bt-half, a clustered
 * bootstrap), from its fitted view (LeaderboardCache.rangeView). Unknown categories are a 404.
 * The query is one leaderboardQuerySchema accepts (Elo and style control only without filters).
 */
export function selectLeaderboard(
  snapshot: LoadedSnapshot | null,
  query: LeaderboardQuery,
  knownCategories: string[],
  rangeView: PublishedView | null = null,
): LeaderboardResponse {
  if (query.category !== "overall" && !knownCategories.includes(query.category)) {
    throw new DomainError("unknown_category", `There is no category "${query.category}".`);
  }
  const fitted = isFittedOnRequest(query);
  const base = {
    category: query.category,
    method: query.method,
    cluster: query.cluster,
    control: query.control,
    lang: query.lang,
    mode: query.mode,
    period: query.period,
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(query.exclude ? { exclude: query.exclude } : {}),
  };
  const view = fitted ? rangeView : snapshot?.data.views[viewKey(query)];
  const result = query.method === "elo" ? view?.elo : view?.bt;
  if (!snapshot || !view || !result) {
    return { ...base, computedAt: snapshot?.computedAt.toISOString() ?? null, votes: 0, rows: [], warnings: [] };
  }
  // Rows name models by slug (snapshots before that by display name: looked up either way).
  const models = new Map(snapshot.data.models.flatMap((m) => [[m.name, m] as const, [m.slug, m] as const]));
  if (query.control === "style") return styleControlled(snapshot, query.category, base);
  return {
    ...base,
    computedAt: snapshot.computedAt.toISOString(),
    votes: view.votes,
    rows: result.rows.map((row) => {
      const model = models.get(row.model);
      return {
        model: model?.name ?? row.model,
        slug: model?.slug ?? "",
        organisation: model?.organisation ?? "",
        active: model?.active ?? false,
        ...publicRatingNumbers(row),
      };
    }),
    warnings: result.warnings,
  };
}

/**
 * The style-controlled board of a category; empty for snapshots computed before style control, and
 * before its rows carried connected groups (`components`): those rows lack group and rank, and the
 * next recompute replaces them.
 */
function styleControlled(
  snapshot: LoadedSnapshot,
  category: string,
  base: Omit<LeaderboardResponse, "computedAt" | "votes" | "rows" | "warnings">,
): LeaderboardResponse {
  const style = snapshot.data.style?.[category];
  const computedAt = snapshot.computedAt.toISOString();
  if (!style?.components) return { ...base, computedAt, votes: 0, rows: [], warnings: [] };
  const models = new Map(snapshot.data.models.map((m) => [m.slug, m]));
  const view = snapshot.data.views[viewKey({ category, lang: "", mode: "" })];
  const rows = style.rows.map((row) => ({
    model: models.get(row.model)?.name ?? row.model,
    slug: row.model,
    organisation: models.get(row.model)?.organisation ?? "",
    active: models.get(row.model)?.active ?? false,
    ...publicRatingNumbers(row),
  }));
  // The raw view's warnings (groups never compared, a lone model) are about the same counted votes.
  const warnings = view?.bt.warnings ?? [];
  return { ...base, computedAt, votes: view?.votes ?? 0, rows, warnings, effects: style.effects };
}
