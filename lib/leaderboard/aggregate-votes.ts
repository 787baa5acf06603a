import type { Db } from "../db/client";
import type { PairCell } from "../ratings/types";
import { PERIOD_DAYS, type Period, parseViewKey, VIEW_LANGS, VIEW_MODES, viewKey } from "./leaderboard-query";
import { type CountedVoteOptions, countedVoteFilter, pairOutcome } from "../counted-vote";

export interface ModelInfo {
  id: string;
  slug: string;
  name: string;
  organisation: string;
  active: boolean;
}

export interface AggregatedVotes {
  models: ModelInfo[];
  categories: string[];
  /**
   * Counted votes per view key (see viewKey), as cells per ordered (left, right) model pair. Cells
   * name models by slug, never by display name, so two models are never merged.
   */
  cells: Map<string, PairCell[]>;
  /** Counted votes per view key. */
  voteCounts: Map<string, number>;
  /** Newest counted vote, if any. */
  lastVoteAt: Date | null;
  /**
   * With `clusterBy`: a view's (by key, see viewKey) clusters, each cluster's votes (one voter
   * session's, or one prompt's) as cells, whose union is that view's cells. Folded when asked,
   * one view at a time, so memory holds the grouped rows and one view's clusters, not every
   * view's at once.
   */
  clustersOf?: (key: string) => PairCell[][];
}

const OUTCOME_FIELD = { left: "winsA", right: "winsB", tie: "ties", both_bad: "bothBad" } as const;

/**
 * Counts the votes that rate models (anonymous, not excluded, not flagged unless asked) per
 * prompt, ordered model pair, outcome and prompt language in one grouped query, then folds the
 * groups into every view: each category and "overall", by prompt language and mode, for all votes
 * and for the last 30 and 7 days (one more grouped query per window), or for the votes of one
 * date range only. Memory grows with the number of distinct groups: without `clusterBy: "voter"`
 * never with the number of votes; with it a group is also one voter session's, so up to one
 * group per vote.
 */
export async function aggregateVotes(
  db: Db,
  options: CountedVoteOptions & {
    now?: Date;
    range?: { from: Date; until: Date };
    /** Fold only this view (its key, see viewKey), for a fit on request. */
    onlyView?: string;
    /** Also group each view's votes by voter session or by prompt (AggregatedVotes.clusters). */
    clusterBy?: "voter" | "prompt";
  } = {},
): Promise<AggregatedVotes> {
  const now = options.now ?? new Date();
  const { range } = options;
  // With a range, only the votes in it count, and the rolling windows are not computed.
  const windows = range
    ? []
    : (Object.entries(PERIOD_DAYS) as [Period, number][]).map(([period, days]) => ({
        period,
        since: new Date(now.getTime() - days * 24 * 3600 * 1000),
      }));
  const counted = await countedVoteFilter(db, options);
  const groupVotes = (since?: Date) =>
    db.vote.groupBy({
      by:
        options.clusterBy === "voter"
          ? ["promptId", "leftModelId", "rightModelId", "outcome", "promptLang", "voterSessionId"]
          : ["promptId", "leftModelId", "rightModelId", "outcome", "promptLang"],
      where: {
        ...counted,
        ...(since ? { createdAt: { gte: since } } : {}),
        ...(range ? { createdAt: { gte: range.from, lt: range.until } } : {}),
      },
      _count: { _all: true },
      _max: { createdAt: true },
    });
  const [models, prompts, categories, groups, ...windowGroups] = await Promise.all([
    db.model.findMany({ select: { id: true, slug: true, name: true, organisation: true, active: true } }),
    db.prompt.findMany({
      select: { id: true, mode: true, categories: { select: { category: { select: { slug: true } } } } },
    }),
    db.category.findMany({ select: { slug: true }, orderBy: { createdAt: "asc" } }),
    groupVotes(),
    ...windows.map((w) => groupVotes(w.since)),
  ]);
  const slugOf = new Map(models.map((m) => [m.id, m.slug]));
  const promptInfo = new Map(
    prompts.map((p) => [p.id, { mode: p.mode, categories: p.categories.map((c) => c.category.slug) }]),
  );
  const cellMaps = new Map<string, Map<string, PairCell>>();
  const addTo = (
    view: Map<string, PairCell>,
    modelA: string,
    modelB: string,
    outcome: keyof typeof OUTCOME_FIELD,
    n: number,
  ) => {
    const pair = `${modelA}\u0000${modelB}`;
    const cell = view.get(pair) ?? { modelA, modelB, winsA: 0, winsB: 0, ties: 0, bothBad: 0 };
    cell[OUTCOME_FIELD[outcome]] += n;
    view.set(pair, cell);
  };
  const voteCounts = new Map<string, number>();
  let lastVoteAt: Date | null = null;

  const grouped: [Period, typeof groups][] = [
    ["all", groups],
    ...windows.map((w, i): [Period, typeof groups] => [w.period, windowGroups[i] ?? []]),
  ];
  for (const [period, periodGroups] of grouped)
    for (const group of periodGroups) {
      const prompt = promptInfo.get(group.promptId);
      const modelA = slugOf.get(group.leftModelId);
      const modelB = slugOf.get(group.rightModelId);
      if (!prompt || !modelA || !modelB) continue;
      const n = group._count._all;
      const newest = group._max.createdAt;
      if (period === "all" && newest && (!lastVoteAt || newest > lastVoteAt)) lastVoteAt = newest;
      for (const category of ["overall", ...prompt.categories]) {
        for (const lang of VIEW_LANGS) {
          if (lang && group.promptLang !== lang) continue;
          for (const mode of VIEW_MODES) {
            if (mode && prompt.mode !== mode) continue;
            const key = viewKey({ category, lang, mode, period });
            if (options.onlyView !== undefined && key !== options.onlyView) continue;
            const view = cellMaps.get(key) ?? new Map<string, PairCell>();
            addTo(view, modelA, modelB, pairOutcome(group.outcome), n);
            cellMaps.set(key, view);
            voteCounts.set(key, (voteCounts.get(key) ?? 0) + n);
          }
        }
      }
    }
  const cells = new Map([...cellMaps].map(([key, view]) => [key, [...view.values()]]));
  const { clusterBy } = options;
  // One view's clusters: the same groups as its cells, split by voter session or prompt.
  const clustersOf = (key: string): PairCell[][] => {
    const view = parseViewKey(key);
    const byId = new Map<string, Map<string, PairCell>>();
    for (const group of grouped.find(([period]) => period === view.period)?.[1] ?? []) {
      const prompt = promptInfo.get(group.promptId);
      const modelA = slugOf.get(group.leftModelId);
      const modelB = slugOf.get(group.rightModelId);
      if (!prompt || !modelA || !modelB) continue;
      if (view.category !== "overall" && !prompt.categories.includes(view.category)) continue;
      if ((view.lang && group.promptLang !== view.lang) || (view.mode && prompt.mode !== view.mode)) continue;
      const id = clusterBy === "voter" ? (group as { voterSessionId: string }).voterSessionId : group.promptId;
      const cluster = byId.get(id) ?? new Map<string, PairCell>();
      addTo(cluster, modelA, modelB, pairOutcome(group.outcome), group._count._all);
      byId.set(id, cluster);
    }
    return [...byId.values()].map((cluster) => [...cluster.values()]);
  };
  return {
    models,
    categories: categories.map((c) => c.slug),
    cells,
    voteCounts,
    lastVoteAt,
    ...(clusterBy ? { clustersOf } : {}),
  };
}
