import type { Db } from "../db/client";
import type { Prisma } from "../generated/sqlite/client";
import type { PairCell, RatedBattle } from "../ratings/types";
import {
  GroupedVoteAccumulator,
  type GroupedVote,
  type QuadSideLabel,
  rankBreakQuadSides,
} from "../ratings/rank-breaking";
import { PERIOD_DAYS, type Period, parseViewKey, VIEW_LANGS, VIEW_MODES, viewKey } from "./leaderboard-query";
import { type BattleSizes, type CountedVoteOptions, countedVoteFilter, pairOutcome } from "../counted-vote";

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
   * Counted votes per view key (see viewKey), as cells per ordered (left, right) model pair; a quad
   * vote adds its 5 rank-breaking pairs (lib/ratings/rank-breaking.ts). Cells name models by
   * slug, never by display name, so two models are never merged.
   */
  cells: Map<string, PairCell[]>;
  /** Counted votes per view key: pair and quad votes, a quad (all-bad ones too) once. */
  voteCounts: Map<string, number>;
  /** Counted quad votes per view key (absent: none). */
  quadVoteCounts: Map<string, number>;
  /**
   * A view's quad votes grouped by the pairs they imply (computeBradleyTerry's `groupedVotes`, so
   * the bootstrap and the sandwich draw each quad whole); empty without quads.
   */
  groupedOf: (key: string) => GroupedVote[];
  /** Newest counted vote, if any. */
  lastVoteAt: Date | null;
  /**
   * With `clusterBy`: a view's (by key, see viewKey) clusters, each cluster's votes (one voter
   * session's, or one prompt's) as cells, whose union is that view's cells (a quad's pairs in its
   * voter's or prompt's cluster). Folded when asked, one view at a time, so memory holds the
   * grouped rows and one view's clusters, not every view's at once.
   */
  clustersOf?: (key: string) => PairCell[][];
}

const CELL_FIELD = { model_a: "winsA", model_b: "winsB", tie: "ties", "tie (bothbad)": "bothBad" } as const;
const PAIR_WINNER = { left: "model_a", right: "model_b", tie: "tie", both_bad: "tie (bothbad)" } as const;

/** What the fold reads of one group of votes (Prisma's groupBy row). */
interface VoteGroup {
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  modelCId?: string | null;
  modelDId?: string | null;
  best?: QuadSideLabel | null;
  worst?: QuadSideLabel | null;
  outcome: Parameters<typeof pairOutcome>[0];
  promptLang: string | null;
  voterSessionId?: string;
  _count: { _all: number };
  _max: { createdAt: Date | null };
}

/**
 * A group's votes as the pairs each one adds to a view's cells: a pair vote's one pair and
 * outcome, a quad's rank-breaking pairs (none when all bad), `quad` telling them apart. Null when
 * a model is unknown (deleted since).
 */
function groupPairs(
  group: VoteGroup,
  slugOf: ReadonlyMap<string, string>,
): { pairs: readonly RatedBattle[]; quad: boolean } | null {
  const modelA = slugOf.get(group.leftModelId);
  const modelB = slugOf.get(group.rightModelId);
  if (!modelA || !modelB) return null;
  if (!group.modelCId) {
    const outcome = pairOutcome(group.outcome);
    return { pairs: [{ modelA, modelB, winner: PAIR_WINNER[outcome] }], quad: false };
  }
  const modelC = slugOf.get(group.modelCId);
  const modelD = group.modelDId ? slugOf.get(group.modelDId) : undefined;
  if (!modelC || !modelD) return null;
  return {
    pairs: rankBreakQuadSides([modelA, modelB, modelC, modelD], group.best ?? null, group.worst ?? null),
    quad: true,
  };
}

/**
 * Counts the votes that rate models (anonymous, not excluded, not flagged unless asked; `battles`:
 * pair votes, quad votes or both) per prompt, ordered models, outcome (a quad's best and worst)
 * and prompt language in one grouped query, then folds the groups into every view: each category
 * and "overall", by prompt language and mode, for all votes and for the last 30 and 7 days (one
 * more grouped query per window), or for the votes of one date range only. A quad vote adds its
 * rank-breaking pairs to the cells and its pattern to the view's grouped votes. Memory grows with
 * the number of distinct groups: without `clusterBy: "voter"` never with the number of votes;
 * with it a group is also one voter session's, so up to one group per vote.
 */
export async function aggregateVotes(
  db: Db,
  options: CountedVoteOptions & {
    battles: BattleSizes;
    now?: Date;
    range?: { from: Date; until: Date };
    /** Fold only this view (its key, see viewKey), for a fit on request. */
    onlyView?: string;
    /** Also group each view's votes by voter session or by prompt (AggregatedVotes.clusters). */
    clusterBy?: "voter" | "prompt";
  },
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
  // A quad's other two models and its best and worst are grouped only when quads are read.
  const quadColumns = options.battles === "pairs" ? [] : (["modelCId", "modelDId", "best", "worst"] as const);
  const by: Prisma.VoteScalarFieldEnum[] = [
    "promptId",
    "leftModelId",
    "rightModelId",
    "outcome",
    "promptLang",
    ...quadColumns,
    ...(options.clusterBy === "voter" ? (["voterSessionId"] as const) : []),
  ];
  // A `by` list built at run time leaves Prisma's row type open: the rows are VoteGroup's shape.
  const groupVotes = async (since?: Date) =>
    (await db.vote.groupBy({
      by,
      where: {
        ...counted,
        ...(since ? { createdAt: { gte: since } } : {}),
        ...(range ? { createdAt: { gte: range.from, lt: range.until } } : {}),
      },
      _count: { _all: true },
      _max: { createdAt: true },
    })) as unknown as VoteGroup[];
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
  const addTo = (view: Map<string, PairCell>, battle: RatedBattle, n: number) => {
    const pair = `${battle.modelA}\u0000${battle.modelB}`;
    const cell = view.get(pair) ?? {
      modelA: battle.modelA,
      modelB: battle.modelB,
      winsA: 0,
      winsB: 0,
      ties: 0,
      bothBad: 0,
    };
    cell[CELL_FIELD[battle.winner]] += n;
    view.set(pair, cell);
  };
  const voteCounts = new Map<string, number>();
  const quadVoteCounts = new Map<string, number>();
  const grouped = new Map<string, GroupedVoteAccumulator>();
  let lastVoteAt: Date | null = null;

  // Each group's pairs, worked out once for all the views it falls in.
  const periods: [Period, { group: VoteGroup; pairs: readonly RatedBattle[]; quad: boolean }[]][] = [
    ["all", groups],
    ...windows.map((w, i): [Period, VoteGroup[]] => [w.period, windowGroups[i] ?? []]),
  ].map(([period, list]) => [
    period as Period,
    (list as VoteGroup[]).flatMap((group) => {
      const broken = groupPairs(group, slugOf);
      return broken && promptInfo.has(group.promptId) ? [{ group, ...broken }] : [];
    }),
  ]);
  for (const [period, periodGroups] of periods)
    for (const { group, pairs, quad } of periodGroups) {
      const prompt = promptInfo.get(group.promptId);
      if (!prompt) continue;
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
            for (const pair of pairs) addTo(view, pair, n);
            cellMaps.set(key, view);
            voteCounts.set(key, (voteCounts.get(key) ?? 0) + n);
            if (quad) {
              quadVoteCounts.set(key, (quadVoteCounts.get(key) ?? 0) + n);
              let accumulator = grouped.get(key);
              if (!accumulator) grouped.set(key, (accumulator = new GroupedVoteAccumulator()));
              accumulator.add(pairs, n);
            }
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
    for (const { group, pairs } of periods.find(([period]) => period === view.period)?.[1] ?? []) {
      const prompt = promptInfo.get(group.promptId);
      if (!prompt || pairs.length === 0) continue;
      if (view.category !== "overall" && !prompt.categories.includes(view.category)) continue;
      if ((view.lang && group.promptLang !== view.lang) || (view.mode && prompt.mode !== view.mode)) continue;
      const id = clusterBy === "voter" ? (group.voterSessionId as string) : group.promptId;
      const cluster = byId.get(id) ?? new Map<string, PairCell>();
      for (const pair of pairs) addTo(cluster, pair, group._count._all);
      byId.set(id, cluster);
    }
    return [...byId.values()].map((cluster) => [...cluster.values()]);
  };
  return {
    models,
    categories: categories.map((c) => c.slug),
    cells,
    voteCounts,
    quadVoteCounts,
    groupedOf: (key) => grouped.get(key)?.toGroups() ?? [],
    lastVoteAt,
    ...(clusterBy ? { clustersOf } : {}),
  };
}
