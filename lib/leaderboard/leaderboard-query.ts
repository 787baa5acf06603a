import { z } from "zod";
import { langSchema, slugSchema } from "../shared-schemas";

/** The leaderboard filters a reader can choose; each combination but a date range is one precomputed view. */
export const leaderboardQuerySchema = z
  .strictObject({
    category: z.union([z.literal("overall"), slugSchema]).default("overall"),
    method: z
      .enum(["bt", "bt-half", "elo"])
      .default("bt")
      .describe(
        "bt: Bradley-Terry with Davidson's ties (decisive-preference ratings, the published board); bt-half: ties and both-bad count half a win each side, as LMArena/FastChat fit them (fitted on request); elo: online Elo, unfiltered views only.",
      ),
    cluster: z
      .enum(["none", "voter", "prompt"])
      .default("none")
      .describe(
        "What the bootstrap resamples: single votes (none, the published board), whole voter sessions (voter) or whole prompts (prompt), so that one voter's or one prompt's many votes count as one draw; Bradley-Terry only, fitted on request.",
      ),
    /**
     * `style`: Bradley-Terry ratings with style control (clip length, resolution, frame rate and
     * sound fitted jointly with the models); published for the unfiltered views of each category.
     */
    control: z.enum(["none", "style"]).default("none"),
    lang: z.union([langSchema, z.literal("")]).default(""),
    mode: z.enum(["image_to_video", "text_to_video", ""]).default(""),
    /** The votes' date range: all of them, or the last 30 or 7 days before the snapshot. */
    period: z.enum(["all", "30d", "7d"]).default("all"),
    /** An arbitrary range of vote days (UTC, both included), fitted on request; it replaces `period`. */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /**
     * `recognised`: refit without the votes whose voter named a model of the battle correctly in
     * the recognition survey (lib/counted-vote.ts, `excludeRecognised`); fitted on request.
     */
    exclude: z.enum(["", "recognised"]).default(""),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["to"] });
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export type Period = LeaderboardQuery["period"];

/** Key of a view inside a snapshot: category|lang|mode, empty meaning "any", then |30d or |7d for a window. */
export function viewKey(view: { category: string; lang: string; mode: string; period?: Period }): string {
  const base = `${view.category}|${view.lang}|${view.mode}`;
  return view.period && view.period !== "all" ? `${base}|${view.period}` : base;
}

/** Length of each dated window, in days. */
export const PERIOD_DAYS: Record<Exclude<Period, "all">, number> = { "30d": 30, "7d": 7 };

export const VIEW_LANGS = ["", "zh", "en"] as const;
export const VIEW_MODES = ["", "image_to_video", "text_to_video"] as const;

/** The one cache key of a leaderboard query: every field, in a fixed order (API bodies, fitted views). */
export function leaderboardQueryKey(query: LeaderboardQuery): string {
  return [
    query.category,
    query.method,
    query.cluster,
    query.control,
    query.lang,
    query.mode,
    query.period,
    query.from ?? "",
    query.to ?? "",
    query.exclude,
  ].join("|");
}

/**
 * Whether a query's view is fitted on request (in a worker, lib/leaderboard/date-range-view.ts,
 * then cached until the next snapshot) rather than read from the snapshot: a date range, a board
 * without recognised votes, the half-a-win fit, or a clustered bootstrap. Elo and style control
 * are published from the snapshot only: with any of these they are a 400 (selectLeaderboard).
 */
export function isFittedOnRequest(
  query: Pick<LeaderboardQuery, "from" | "to" | "exclude" | "method" | "cluster">,
): boolean {
  return Boolean(query.from || query.to || query.exclude) || query.method === "bt-half" || query.cluster !== "none";
}
