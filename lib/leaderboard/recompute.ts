import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { computeElo, type RatedBattle } from "../ratings";
import { type QuadSideLabel, rankBreakQuadSides } from "../ratings/rank-breaking";
import { DEFAULT_CLUSTER } from "../ratings/cluster-resample";
import { positionTermEffect } from "../ratings/position-term";
import { applyIntegrityChecks } from "../integrity/apply-integrity";
import { DEFAULT_INTEGRITY_OPTIONS } from "../integrity/voter-anomalies";
import { FAILURE_TAGS } from "../arena/failure-tags";
import { aggregateVotes } from "./aggregate-votes";
import { computeStyleAndFailures } from "./style-and-failures";
import { computeFailureTimes } from "./failure-times-data";
import { NO_QUAD_APPEARANCES, readQuadAppearances } from "./quad-appearances";
import { acquireLease, releaseLease } from "../db/lease";
import type { PublishedView, SnapshotData, SnapshotParams } from "./snapshot-data";
import { viewKey } from "./leaderboard-query";
import { type BattleSizes, CHECK_VOTE_WHERE, countedVoteFilter, countedVoteSql, narrowBattles } from "../counted-vote";
import { Prisma } from "../generated/sqlite/client";
import { type PageEnd, votesAfterSql } from "../db/vote-keyset";
import { ratingPoints } from "./rating-history";
import { computeCheckView } from "./check-view";
import { computeRecognitionView } from "./recognition-view";
import { fitView } from "./view-fit";

/** The lease a recompute holds while it runs (lib/db/lease.ts): bench:stall watches it. */
export const RECOMPUTE_LEASE = "leaderboard-recompute";
/** How long a recompute's lease lasts, in ms: a recompute's start is its lease's expiry minus this. */
export const RECOMPUTE_LEASE_TTL_MS = 10 * 60 * 1000;
/** Snapshots kept; older ones are deleted after a new one is written. */
const KEEP_SNAPSHOTS = 5;
const ELO_WINNER = { left: "model_a", right: "model_b", tie: "tie", both_bad: "tie (bothbad)" } as const;
const VOTE_PAGE = 20_000;

/** One counted vote as Elo reads it, in (createdAt, id) order; a quad's other models and its best and worst. */
interface OrderedVoteRow {
  id: string;
  createdAt: Date;
  promptId: string;
  leftModelId: string;
  rightModelId: string;
  outcome: keyof typeof ELO_WINNER | "best_worst" | "all_bad";
  modelCId: string | null;
  modelDId: string | null;
  best: QuadSideLabel | null;
  worst: QuadSideLabel | null;
}

/** The games Elo plays for one vote: a pair vote's one, a quad's rank-breaking pairs in their order (none when all bad). */
function eloGames(vote: OrderedVoteRow, slugs: Map<string, string>): RatedBattle[] {
  const slug = (id: string | null) => (id === null ? "" : (slugs.get(id) ?? ""));
  if (vote.outcome !== "best_worst" && vote.outcome !== "all_bad")
    return [{ modelA: slug(vote.leftModelId), modelB: slug(vote.rightModelId), winner: ELO_WINNER[vote.outcome] }];
  return rankBreakQuadSides(
    [slug(vote.leftModelId), slug(vote.rightModelId), slug(vote.modelCId), slug(vote.modelDId)],
    vote.best,
    vote.worst,
  );
}

/**
 * Counted votes of each category, pair and quad votes, in vote order, for Elo (the one part of a
 * recompute that needs every vote: online Elo depends on their order); a quad plays its
 * rank-breaking pairs as games, as `npm run ratings -- --method elo` does. Read in keyset pages of
 * a few columns, without an object per row from the client's model layer.
 */
async function loadOrderedVotes(
  db: Db,
  battles: BattleSizes,
  categoriesOfPrompt: Map<string, string[]>,
  slugs: Map<string, string>,
) {
  const byCategory = new Map<string, RatedBattle[]>([["overall", []]]);
  const listsOfPrompt = new Map<string, RatedBattle[][]>();
  const listsFor = (promptId: string) => {
    let lists = listsOfPrompt.get(promptId);
    if (!lists) {
      lists = ["overall", ...(categoriesOfPrompt.get(promptId) ?? [])].map((category) => {
        let list = byCategory.get(category);
        if (!list) byCategory.set(category, (list = []));
        return list;
      });
      listsOfPrompt.set(promptId, lists);
    }
    return lists;
  };
  let after: PageEnd | null = null;
  for (;;) {
    const page: OrderedVoteRow[] = await db.$queryRaw<OrderedVoteRow[]>(Prisma.sql`
      SELECT v."id", v."createdAt", v."promptId", v."leftModelId", v."rightModelId", v."outcome"
        ${battles === "pairs" ? Prisma.empty : Prisma.sql`, v."modelCId", v."modelDId", v."best", v."worst"`}
      FROM "Vote" v
      WHERE ${countedVoteSql("v", { battles })} ${after ? Prisma.sql`AND ${votesAfterSql(after)}` : Prisma.empty}
      ORDER BY v."createdAt", v."id"
      LIMIT ${VOTE_PAGE}`);
    for (const vote of page) {
      const games = eloGames(vote, slugs);
      for (const list of listsFor(vote.promptId)) list.push(...games);
    }
    const last = page[page.length - 1];
    if (page.length < VOTE_PAGE || !last) return byCategory;
    after = { createdAt: new Date(last.createdAt), id: last.id };
  }
}

/**
 * Overall Bradley-Terry ratings of the newest snapshot's established models, by model slug (empty
 * before the first). Provisional ratings are left out: from a handful of votes they sit thousands
 * of points apart, and the contrarian test would read one vote against them as near-certain
 * disagreement (two such votes flagged a careful voter's whole session).
 */
async function previousRatings(db: Db): Promise<Map<string, number>> {
  const latest = await db.ratingSnapshot.findFirst({ orderBy: { computedAt: "desc" }, select: { data: true } });
  if (!latest) return new Map();
  const data = JSON.parse(latest.data) as SnapshotData;
  const rows = data.views[viewKey({ category: "overall", lang: "", mode: "" })]?.bt.rows ?? [];
  return new Map(rows.filter((row) => !row.provisional).map((row) => [row.model, row.rating]));
}

/** The phases of a recompute, in order, as `onPhase` names them. */
export type RecomputePhase = "integrity" | "cells" | "elo votes" | "style and failures" | "fits" | "write";

/**
 * Runs the voter integrity checks, then computes every leaderboard view from the counted votes and
 * stores them as one new snapshot.
 * Runs only while holding the recompute lease (one instance at a time); the snapshot is written in
 * a single insert, so a crash part-way leaves the previous one in force. Returns the new
 * snapshot's id, or null when another instance holds the lease. `onPhase` is told each phase's
 * wall time in milliseconds as it ends (bench:recompute prints them).
 */
export async function recomputeLeaderboard(
  db: Db,
  params: SnapshotParams,
  holder: string = randomUUID(),
  onPhase: (phase: RecomputePhase, ms: number) => void = () => {},
): Promise<string | null> {
  if (!(await acquireLease(db, RECOMPUTE_LEASE, holder, RECOMPUTE_LEASE_TTL_MS))) return null;
  let phaseStart = performance.now();
  const phaseEnd = (phase: RecomputePhase) => {
    const now = performance.now();
    onPhase(phase, now - phaseStart);
    phaseStart = now;
  };
  try {
    // Integrity checks first, judged against the ratings last published, so their flags apply now.
    await applyIntegrityChecks(
      db,
      await previousRatings(db),
      {
        ...DEFAULT_INTEGRITY_OPTIONS,
        burstVotes: params.burstVotesPerMinute,
        burstWindowMs: 60_000,
      },
      params.checkRule,
    );
    phaseEnd("integrity");
    // Pair and quad votes (a quad as its rank-breaking pairs, resampled whole; no quad columns
    // read while there is no quad vote); the published intervals resample whole voters
    // (DEFAULT_CLUSTER): the votes grouped by session too.
    const battles = await narrowBattles(db, "all");
    const aggregated = await aggregateVotes(db, {
      includeFlagged: params.includeFlagged,
      battles,
      clusterBy: DEFAULT_CLUSTER,
    });
    const prompts = await db.prompt.findMany({
      select: { id: true, categories: { select: { category: { select: { slug: true } } } } },
    });
    const categoriesOfPrompt = new Map(prompts.map((p) => [p.id, p.categories.map((c) => c.category.slug)]));
    const slugs = new Map(aggregated.models.map((m) => [m.id, m.slug]));
    phaseEnd("cells");
    const ordered = await loadOrderedVotes(db, battles, categoriesOfPrompt, slugs);
    phaseEnd("elo votes");
    // A quad's four clips are four appearances in the failure profile, usable share and times.
    const quads =
      battles === "all"
        ? await readQuadAppearances(db, { includeFlagged: params.includeFlagged })
        : NO_QUAD_APPEARANCES;
    const { style, failures, usable } = await computeStyleAndFailures(
      db,
      { includeFlagged: params.includeFlagged },
      categoriesOfPrompt,
      FAILURE_TAGS,
      { bootstrap: params.btBootstrap, seed: params.seed },
      quads,
    );
    const failureTimes = await computeFailureTimes(
      db,
      { includeFlagged: params.includeFlagged },
      categoriesOfPrompt,
      quads,
    );
    phaseEnd("style and failures");

    const recognition = await computeRecognitionView(db, { includeFlagged: params.includeFlagged });
    const checks = await computeCheckView(db, params.checkRule);

    const views: Record<string, PublishedView> = {};
    for (const [key, cells] of aggregated.cells) {
      const quadVotes = aggregated.quadVoteCounts.get(key) ?? 0;
      views[key] = {
        votes: aggregated.voteCounts.get(key) ?? 0,
        // Only where there are quads: a view without them answers votesFrom=pairs and =quads unfitted.
        ...(quadVotes > 0 ? { quadVotes } : {}),
        bt: fitView(aggregated, key, { bootstrap: params.btBootstrap, seed: params.seed, cluster: DEFAULT_CLUSTER }),
        positionTerm: positionTermEffect(cells),
      };
    }
    for (const [category, battles] of ordered) {
      const view = views[viewKey({ category, lang: "", mode: "" })];
      if (view) view.elo = computeElo(battles, { k: params.eloK, bootstrap: params.eloBootstrap, seed: params.seed });
    }
    const data: SnapshotData = {
      models: aggregated.models.map(({ slug, name, organisation, active }) => ({ slug, name, organisation, active })),
      categories: aggregated.categories,
      views,
      style: Object.fromEntries(style),
      failures,
      usable,
      failureTimes,
      recognition,
      checks,
    };
    phaseEnd("fits");
    const computedAt = new Date();
    // The snapshot and its rating-history points are written together or not at all.
    const [snapshot] = await db.$transaction([
      db.ratingSnapshot.create({
        data: {
          computedAt,
          voteCount: aggregated.voteCounts.get(viewKey({ category: "overall", lang: "", mode: "" })) ?? 0,
          lastVoteAt: aggregated.lastVoteAt,
          params: JSON.stringify(params),
          data: JSON.stringify(data),
        },
        select: { id: true, computedAt: true },
      }),
      db.ratingPoint.createMany({ data: ratingPoints(data, computedAt) }),
    ]);
    const stale = await db.ratingSnapshot.findMany({
      orderBy: { computedAt: "desc" },
      skip: KEEP_SNAPSHOTS,
      select: { id: true },
    });
    if (stale.length > 0) await db.ratingSnapshot.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
    phaseEnd("write");
    return snapshot.id;
  } finally {
    await releaseLease(db, RECOMPUTE_LEASE, holder);
  }
}

/**
 * Whether a recompute is due: no snapshot yet, at least `afterVotes` counted votes since the
 * last one, or any new vote (counted, or on a check battle), or a vote it counted that no longer
 * counts (excluded, flagged, deleted by its voter), and `afterSeconds` since it was computed.
 */
export async function isRecomputeDue(
  db: Db,
  afterVotes: number,
  afterSeconds: number,
  now = new Date(),
): Promise<boolean> {
  const latest = await db.ratingSnapshot.findFirst({
    orderBy: { computedAt: "desc" },
    select: { computedAt: true, voteCount: true, lastVoteAt: true },
  });
  if (!latest) return true;
  // Pair and quad votes, as the snapshot's voteCount counts them (the demo state read once).
  const countedWhere = await countedVoteFilter(db, { battles: "all" });
  const counted = await db.vote.count({ where: countedWhere });
  const newVotes = counted - latest.voteCount;
  if (newVotes >= afterVotes) return true;
  if (now.getTime() - latest.computedAt.getTime() < afterSeconds * 1000) return false;
  if (newVotes !== 0) return true; // new votes, or fewer counted than published (moderated since)
  // Check votes never count, but they change the published check accuracy and may flag a
  // session's votes (lib/leaderboard/check-view.ts): a new one makes the timed recompute due too.
  if ((await db.vote.count({ where: { ...CHECK_VOTE_WHERE, createdAt: { gt: latest.computedAt } } })) > 0) return true;
  // Votes the snapshot counted that no longer count — excluded or flagged since, or deleted by their
  // voter (/me) — make its numbers stale even when as many new votes hide them in the total:
  // fewer counted votes up to its newest one than it counted means some are gone. (One more count,
  // only once `afterSeconds` have passed with the total unchanged; the check runs in a worker.)
  return (
    latest.lastVoteAt !== null &&
    (await db.vote.count({
      where: { ...countedWhere, createdAt: { lte: latest.lastVoteAt } },
    })) < latest.voteCount
  );
}
