import { countedVoteFilter, pairOutcome } from "../counted-vote";
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

/**
 * Counted votes grouped by (left, right, outcome), with the recent votes' ids read in the same
 * transaction, so the incremental reads that follow never count a vote twice. A full scan of the
 * counted votes: the web process runs it in a worker thread (lib/http/heavy-work.ts).
 */
export async function readFullTally(db: Db, now: number): Promise<FullTally> {
  const since = now - OVERLAP_MS;
  const counted = await countedVoteFilter(db, { battles: "pairs" });
  const [groups, recent] = await db.$transaction([
    db.vote.groupBy({
      by: ["leftModelId", "rightModelId", "outcome"],
      where: counted,
      orderBy: [{ leftModelId: "asc" }, { rightModelId: "asc" }, { outcome: "asc" }],
      _count: { _all: true },
    }),
    db.vote.findMany({
      where: { ...counted, createdAt: { gte: new Date(since) } },
      select: { id: true, createdAt: true },
    }),
  ]);
  return {
    groups: groups.map((g) => ({
      leftModelId: g.leftModelId,
      rightModelId: g.rightModelId,
      outcome: pairOutcome(g.outcome),
      count: (g._count as { _all: number })._all,
    })),
    recent,
    since,
  };
}

const groupKey = (g: Pick<VoteGroup, "leftModelId" | "rightModelId" | "outcome">) =>
  `${g.leftModelId}\u0000${g.rightModelId}\u0000${g.outcome}`;

/**
 * The counted votes per (left, right, outcome) that the pair sampler weighs with, kept up to date
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
      this.#counts = new Map(full.groups.map((g) => [groupKey(g), { ...g }]));
      this.#recent = new Map(full.recent.map((v) => [v.id, v.createdAt.getTime()]));
      this.#heldSince = full.since;
      this.#newest = full.since;
      for (const at of this.#recent.values()) if (at > this.#newest) this.#newest = at;
      this.#fullAt = now;
    } else {
      const since = this.#heldSince;
      const votes = await db.vote.findMany({
        where: { ...(await countedVoteFilter(db, { battles: "pairs" })), createdAt: { gte: new Date(since) } },
        select: { id: true, createdAt: true, leftModelId: true, rightModelId: true, outcome: true },
      });
      for (const vote of votes) {
        if (this.#recent.has(vote.id)) continue;
        const at = vote.createdAt.getTime();
        this.#recent.set(vote.id, at);
        if (at > this.#newest) this.#newest = at;
        const key = groupKey({ ...vote, outcome: pairOutcome(vote.outcome) });
        const group = this.#counts.get(key);
        if (group) group.count += 1;
        else
          this.#counts.set(key, {
            leftModelId: vote.leftModelId,
            rightModelId: vote.rightModelId,
            outcome: pairOutcome(vote.outcome),
            count: 1,
          });
      }
      // Slide the window: votes older than OVERLAP_MS behind the newest are not read again.
      this.#heldSince = Math.max(this.#heldSince, this.#newest - OVERLAP_MS);
      for (const [id, at] of this.#recent) if (at < this.#heldSince) this.#recent.delete(id);
    }
    return [...this.#counts.values()];
  }
}
