import { z } from "zod";
import { DEFAULT_CLUSTER } from "../ratings/cluster-resample";
import type { BattleSizes } from "../counted-vote";
import { langSchema, slugSchema } from "../shared-schemas";

/** Which votes a board counts (issue 32): pair and four-up votes (the published board), or one kind. */
export const VOTES_FROM = ["both", "pairs", "quads"] as const;
export type VotesFrom = (typeof VOTES_FROM)[number];

/** The counted-vote rule's `battles` (lib/counted-vote.ts) of a board's `votesFrom`. */
export function battlesOf(votesFrom: VotesFrom): BattleSizes {
  return votesFrom === "both" ? "all" : votesFrom;
}

/** The fields of a leaderboard query, before the rules that tie them together (leaderboardQuerySchema). */
const leaderboardFieldsSchema = z.strictObject({
  category: z.union([z.literal("overall"), slugSchema]).default("overall"),
  method: z
    .enum(["bt", "bt-half", "elo"])
    .default("bt")
    .describe(
      "bt: Bradley-Terry with Davidson's ties (decisive-preference ratings, the published board); bt-half: ties and both-bad count half a win each side, as LMArena/FastChat fit them (fitted on request); elo: online Elo, unfiltered views only.",
    ),
  cluster: z
    .enum(["none", "voter", "prompt"])
    .default(DEFAULT_CLUSTER)
    .describe(
      "What the bootstrap resamples: whole voter sessions (voter, the published board; with fewer than 30 voters single votes, with a warning), single votes (none) or whole prompts (prompt), so that one voter's or one prompt's many votes count as one draw; Bradley-Terry only; none and prompt are fitted on request.",
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
  votesFrom: z
    .enum(VOTES_FROM)
    .default("both")
    .describe(
      "Which votes the board counts: both (pair and four-up votes, the published board), pairs (A/B votes only) or quads (four-up votes only, each as its 5 rank-breaking pairs, resampled whole); pairs and quads are fitted on request unless the view has no four-up votes. The same choice as `npm run ratings -- --votes-from`.",
    ),
});
type LeaderboardFields = z.infer<typeof leaderboardFieldsSchema>;

/** The issue (zod `params.issue`) of a query asking Elo or style control for a filtered view. */
export const UNFILTERED_ONLY = "unfiltered_only";

/**
 * Elo and style control are published for each category's unfiltered view only (every language
 * and mode, all dates), style control for Bradley-Terry only: the one home of that rule. Returns
 * the field to blame and why, or null for a query that keeps it.
 */
function unfilteredOnlyIssue(q: LeaderboardFields): { field: "method" | "control"; message: string } | null {
  const filtered = Boolean(q.lang || q.mode || q.period !== "all" || isFittedOnRequest(q));
  if (q.method === "elo" && filtered)
    return {
      field: "method",
      message:
        "method=elo is published without lang, mode, period, date, exclude, cluster and votesFrom filters; use method=bt to filter.",
    };
  if (q.control === "style" && (q.method !== "bt" || filtered))
    return {
      field: "control",
      message:
        "control=style is published for method=bt without lang, mode, period, date, exclude, cluster and votesFrom filters.",
    };
  return null;
}

/**
 * The leaderboard query a reader can ask, for the API, the page and the cache alike: each
 * combination but a date range is one precomputed view. Refuses `from` after `to`, and Elo or style
 * control with a language, mode, period, date or exclude filter (issue UNFILTERED_ONLY), so such a request
 * is answered 400 before anything is read or fitted.
 */
export const leaderboardQuerySchema = leaderboardFieldsSchema
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["to"] })
  .superRefine((q, ctx) => {
    const issue = unfilteredOnlyIssue(q);
    if (issue)
      ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message, params: { issue: UNFILTERED_ONLY } });
  });
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

/**
 * The one cache key of a query: every field, so two queries share a key exactly when they are the
 * same query (the API's serialised answers and ETag, the fitted date ranges of LeaderboardCache).
 */
export function queryKey(q: LeaderboardQuery): string {
  return [
    q.category,
    q.method,
    q.cluster,
    q.control,
    q.lang,
    q.mode,
    q.period,
    q.from ?? "",
    q.to ?? "",
    q.exclude,
    q.votesFrom,
  ].join("|");
}

/**
 * How the leaderboard page reads its URL: `requested` is the query as asked (its links keep the
 * reader's filters), `shown` the board that can be shown for it — the requested one, or for Elo or
 * style control with filters that category's unfiltered Elo or style-controlled board. A URL that
 * breaks any other rule shows the default board.
 */
export function readPageQuery(input: unknown): { requested: LeaderboardQuery; shown: LeaderboardQuery } {
  const parsed = leaderboardQuerySchema.safeParse(input);
  if (parsed.success) return { requested: parsed.data, shown: parsed.data };
  const onlyUnfiltered = parsed.error.issues.every(
    (issue) => issue.code === "custom" && issue.params?.issue === UNFILTERED_ONLY,
  );
  if (!onlyUnfiltered) {
    const defaults = leaderboardQuerySchema.parse({});
    return { requested: defaults, shown: defaults };
  }
  const requested = leaderboardFieldsSchema.parse(input);
  const shown = leaderboardQuerySchema.parse({
    ...requested,
    method: requested.control === "style" || requested.method === "bt-half" ? "bt" : requested.method,
    cluster: DEFAULT_CLUSTER,
    lang: "",
    mode: "",
    period: "all",
    from: undefined,
    to: undefined,
    exclude: "",
    votesFrom: "both",
  });
  return { requested, shown };
}

export type Period = LeaderboardQuery["period"];

/** Key of a view inside a snapshot: category|lang|mode, empty meaning "any", then |30d or |7d for a window. */
export function viewKey(view: { category: string; lang: string; mode: string; period?: Period }): string {
  const base = `${view.category}|${view.lang}|${view.mode}`;
  return view.period && view.period !== "all" ? `${base}|${view.period}` : base;
}

/** The view a key names (the inverse of viewKey). */
export function parseViewKey(key: string): { category: string; lang: string; mode: string; period: Period } {
  const [category = "", lang = "", mode = "", period = "all"] = key.split("|");
  return { category, lang, mode, period: period as Period };
}

/** Length of each dated window, in days. */
export const PERIOD_DAYS: Record<Exclude<Period, "all">, number> = { "30d": 30, "7d": 7 };

export const VIEW_LANGS = ["", "zh", "en"] as const;
export const VIEW_MODES = ["", "image_to_video", "text_to_video"] as const;

/**
 * Whether a query's view is fitted on request (in a worker, lib/leaderboard/date-range-view.ts,
 * then cached until the next snapshot) rather than read from the snapshot: a date range, a board
 * without recognised votes, the half-a-win fit, or a bootstrap over another unit than the
 * published one (DEFAULT_CLUSTER: single votes, or prompts), or one kind of vote (`votesFrom` pairs
 * or quads; a view without quad votes answers those from the snapshot, see answeringQuery). Elo
 * and style control are published from the snapshot only: with any of these they are a 400
 * (selectLeaderboard).
 */
export function isFittedOnRequest(
  query: Pick<LeaderboardQuery, "from" | "to" | "exclude" | "method" | "cluster" | "votesFrom">,
): boolean {
  return (
    Boolean(query.from || query.to || query.exclude) ||
    query.method === "bt-half" ||
    query.cluster !== DEFAULT_CLUSTER ||
    query.votesFrom !== "both"
  );
}
