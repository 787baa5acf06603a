import { countedVoteFilter, countedVoteWhere, demoVotesNow, narrowBattles, pairOutcome } from "../counted-vote";
import type { VoteOutcome } from "../generated/sqlite/client";
import { type QuadSideLabel, rankBreakQuadSides } from "../ratings/rank-breaking";
import type { Db } from "../db/client";
import type { VoteGroup } from "./strength-estimates";

/**
 * Votes whose createdAt is this close behind the newest one read are read again at the next
 * refresh (and told apart by id), so a vote committed a little after a later one is still
 * counted once. Far longer than any write takes to commit.
 */
const OVERLAP_MS = 60_000;
/** A full tally is taken at least this often, to take in moderation and integrity flags. */
const FULL_EVERY_MS = 5 * 60_000;

/** A full tally: counted votes per (left, right, outcome), and the votes in the overlap window. */
export interface FullTally {
  groups: VoteGroup[];
  /** Counted votes created at or after `since` (epoch ms), already included in `groups`. */
  recent: { id: string; createdAt: Date }[];
  since: number;
}

/** The columns of a counted vote the tally reads: a pair's two models and outcome, a quad's four and its best and worst. */
interface TalliedVote {
  leftModelId: string;
  rightModelId: string;
  modelCId: string | null;
  modelDId: string | null;
  outcome: VoteOutcome;
  best: QuadSideLabel | null;
  worst: QuadSideLabel | null;
}

/**
 * The pairs a counted vote gives the sampler, as (left, right, outcome) groups of `count` votes: a
 * pair vote its own, a quad its rank-breaking pairs (lib/ratings/rank-breaking.ts, the board's
 * reading; none when all bad), each as a win of the model it names first.
 */
function talliedPairs(vote: TalliedVote, count: number): VoteGroup[] {
  if (vote.outcome !== "best_worst" && vote.outcome !== "all_bad")
    return [
      { leftModelId: vote.leftModelId, rightModelId: vote.rightModelId, outcome: pairOutcome(vote.outcome), count },
    ];
  const models = [vote.leftModelId, vote.rightModelId, vote.modelCId ?? "", vote.modelDId ?? ""] as const;
  return rankBreakQuadSides(models, vote.best, vote.worst).map((pair) => ({
    leftModelId: pair.modelA,
    rightModelId: pair.modelB,
    outcome: pair.winner === "model_a" ? "left" : "right",
    count,
  }));
}

const TALLIED_COLUMNS = {
  leftModelId: true,
  rightModelId: true,
  modelCId: true,
  modelDId: true,
  outcome: true,
  best: true,
  worst: true,
} as const;

/**
 * Counted votes, pair and quad, grouped by their models and outcome and turned into pairs
 * (talliedPairs), with the recent votes' ids read in the same transaction, so the incremental
 * reads that follow never count a vote twice. A full scan of the counted votes: the web process
 * runs it in a worker thread (lib/http/heavy-work.ts).
 */
export async function readFullTally(db: Db, now: number): Promise<FullTally> {
  const since = now - OVERLAP_MS;
  // A pair-only database groups by no quad column (narrowBattles).
  const battles = await narrowBattles(db, "all");
  const counted = countedVoteWhere({ battles, demoVotes: await demoVotesNow(db) });
  const [groups, recent] = await db.$transaction([
    db.vote.groupBy({
      by:
        battles === "pairs"
          ? ["leftModelId", "rightModelId", "outcome"]
          : (Object.keys(TALLIED_COLUMNS) as (keyof typeof TALLIED_COLUMNS)[]),
      where: counted,
      orderBy: [{ leftModelId: "asc" }, { rightModelId: "asc" }, { outcome: "asc" }],
      _count: { _all: true },
    }),
    db.vote.findMany({
      where: { ...counted, createdAt: { gte: new Date(since) } },
      select: { id: true, createdAt: true },
    }),
  ]);
  const tally = new Map<string, VoteGroup>();
  for (const g of groups as (Partial<TalliedVote> &
    Pick<TalliedVote, "leftModelId" | "rightModelId" | "outcome"> & { _count: { _all: number } })[])
    addGroups(tally, talliedPairs({ modelCId: null, modelDId: null, best: null, worst: null, ...g }, g._count._all));
  return { groups: [...tally.values()], recent, since };
}

const groupKey = (g: Pick<VoteGroup, "leftModelId" | "rightModelId" | "outcome">) =>
  `${g.leftModelId}\u0000${g.rightModelId}\u0000${g.outcome}`;

/** Adds `groups` to `tally` (keyed by groupKey), copying a group it does not hold yet. */
function addGroups(tally: Map<string, VoteGroup>, groups: readonly VoteGroup[]): void {
  for (const g of groups) {
    const held = tally.get(groupKey(g));
    if (held) held.count += g.count;
    else tally.set(groupKey(g), { ...g });
  }
}

/**
 * The counted votes per (left, right, outcome) that the sampler weighs with (a quad as its
 * rank-breaking pairs, talliedPairs), kept up to date
 * without scanning every vote: a full tally (`readFull`) now and then — on first use, after
 * markStale (a moderator's edit, a recompute's integrity flags) and every FULL_EVERY_MS — and in
 * between only the votes created since the newest one read (an index range on createdAt), each
 * counted once by id. A vote written with a createdAt already far in the past (a bulk import)
 * waits for the next full tally.
 */
export class VoteTally {
  #counts = new Map<string, VoteGroup>();
  /** Ids of the votes read within OVERLAP_MS of the newest, with their createdAt (epoch ms). */
  #recent = new Map<string, number>();
  /** `#recent` holds every counted vote created at or after this instant (epoch ms) that was read. */
  #heldSince = 0;
  #newest = 0;
  #fullAt = -Infinity;

  /** @param readFull how a full tally is taken: in this thread by default, in a worker by the web process. */
  constructor(readonly readFull: (db: Db, now: number) => Promise<FullTally> = readFullTally) {}

  /** The next refresh takes a full tally. */
  markStale(): void {
    this.#fullAt = -Infinity;
  }

  #inFlight: Promise<VoteGroup[]> | null = null;

  /**
   * Brings the tally up to date (`now` in epoch ms) and returns its groups. Calls made while one
   * is running share its answer: two reads at once could count a vote twice.
   */
  refresh(db: Db, now: number): Promise<VoteGroup[]> {
    this.#inFlight ??= this.#refresh(db, now).finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #refresh(db: Db, now: number): Promise<VoteGroup[]> {
    if (now - this.#fullAt >= FULL_EVERY_MS) {
      const full = await this.readFull(db, now);
      this.#counts = new Map();
      addGroups(this.#counts, full.groups);
      this.#recent = new Map(full.recent.map((v) => [v.id, v.createdAt.getTime()]));
      this.#heldSince = full.since;
      this.#newest = full.since;
      for (const at of this.#recent.values()) if (at > this.#newest) this.#newest = at;
      this.#fullAt = now;
    } else {
      const since = this.#heldSince;
      const votes = await db.vote.findMany({
        where: { ...(await countedVoteFilter(db, { battles: "all" })), createdAt: { gte: new Date(since) } },
        select: { id: true, createdAt: true, ...TALLIED_COLUMNS },
      });
      for (const vote of votes) {
        if (this.#recent.has(vote.id)) continue;
        const at = vote.createdAt.getTime();
        this.#recent.set(vote.id, at);
        if (at > this.#newest) this.#newest = at;
        addGroups(this.#counts, talliedPairs(vote, 1));
      }
      // Slide the window: votes older than OVERLAP_MS behind the newest are not read again.
      this.#heldSince = Math.max(this.#heldSince, this.#newest - OVERLAP_MS);
      for (const [id, at] of this.#recent) if (at < this.#heldSince) this.#recent.delete(id);
    }
    return [...this.#counts.values()];
  }
}
