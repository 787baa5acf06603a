import { z } from "zod";
import { DomainError } from "../errors";
import type { LoadedSnapshot } from "./latest-snapshot";
import type { PublishedView } from "./snapshot-data";
import type { LeaderboardQuery } from "./leaderboard-query";
import { isFittedOnRequest, viewKey, VOTES_FROM } from "./leaderboard-query";
import { publicRatingNumbers } from "./public-rating-row";
import { type FactsInForce, priceTableOf } from "./model-facts";
import { type CostColumns, costColumnsOf } from "../ratings/usable-cost";

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
  pricePerSecondUsd: z
    .number()
    .nullable()
    .describe("Price of one second of video in USD, as in force today (the latest dated fact); null when unknown."),
  priceDate: z
    .string()
    .nullable()
    .describe("The day (YYYY-MM-DD) the price's source states it for; null when unknown."),
  priceSource: z.string().nullable().describe("Where the price was read (http(s) URL); null when unknown."),
  generationSeconds: z
    .number()
    .nullable()
    .describe("Typical time to generate one clip, seconds (latest dated fact); null when unknown."),
  shown: z
    .number()
    .int()
    .describe("Counted battles that showed the model's clip in this category, over all counted votes."),
  usableShare: z
    .number()
    .nullable()
    .describe('Share of those shown clips not voted "both bad" and without a failure tag; null when none was shown.'),
  usableCiLow: z.number().nullable().describe("95% Wilson interval of the usable share, lower bound."),
  usableCiHigh: z.number().nullable().describe("95% Wilson interval of the usable share, upper bound."),
  costPerUsableClipUsd: z
    .number()
    .nullable()
    .describe(
      "USD per usable clip: price per second × mean delivered clip length ÷ usable share; null when the price is unknown or no shown clip was usable.",
    ),
  costCiLow: z.number().nullable().describe("95% interval of the cost: clip price ÷ the usable share's upper bound."),
  costCiHigh: z
    .number()
    .nullable()
    .describe(
      "95% interval of the cost: clip price ÷ the usable share's lower bound; null when that bound is 0 (open).",
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
  votesFrom: z
    .enum(VOTES_FROM)
    .describe("Which votes the board counts: both (pair and four-up votes), pairs or quads (four-up votes only)."),
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
  facts: ReadonlyMap<string, FactsInForce> = new Map(),
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
    votesFrom: query.votesFrom,
  };
  const view = fitted ? rangeView : snapshot?.data.views[viewKey(query)];
  const result = query.method === "elo" ? view?.elo : view?.bt;
  if (!snapshot || !view || !result) {
    return { ...base, computedAt: snapshot?.computedAt.toISOString() ?? null, votes: 0, rows: [], warnings: [] };
  }
  // Rows name models by slug (snapshots before that by display name: looked up either way).
  const models = new Map(snapshot.data.models.flatMap((m) => [[m.name, m] as const, [m.slug, m] as const]));
  const costOf = costColumnsIn(snapshot, query.category, facts);
  if (query.control === "style") return styleControlled(snapshot, query.category, base, costOf);
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
        ...costOf(model?.slug ?? row.model),
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
  costOf: (slug: string) => CostColumns,
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
    ...costOf(row.model),
  }));
  // The raw view's warnings (groups never compared, a lone model) are about the same counted votes.
  const warnings = view?.bt.warnings ?? [];
  return { ...base, computedAt, votes: view?.votes ?? 0, rows, warnings, effects: style.effects };
}

/**
 * The cost columns of a category's rows (issue 34): the snapshot's usable tallies (all counted votes
 * of the category, whatever the board's filters) and the facts in force, through the price table.
 */
function costColumnsIn(
  snapshot: LoadedSnapshot,
  category: string,
  facts: ReadonlyMap<string, FactsInForce>,
): (slug: string) => CostColumns {
  const usable = (snapshot.data.usable ?? []).filter((u) => u.category === category);
  const prices = new Map(
    priceTableOf(usable, facts)
      .filter((p) => p.category === category || !usable.some((u) => u.model === p.model))
      .map((p) => [p.model, p]),
  );
  const tallies = new Map(usable.map((u) => [u.model, u]));
  return (slug) => costColumnsOf(prices.get(slug), tallies.get(slug));
}
