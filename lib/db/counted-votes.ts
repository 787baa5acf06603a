import type { Db } from "./client";

/**
 * The one definition of a counted vote: a blind (anonymous) arena vote that no integrity check
 * flagged and no moderator excluded. Named votes from /compare show the models before the choice,
 * so they are never counted, whatever a moderator does. The leaderboard fits exactly these votes,
 * every headline count uses them, and the export marks them with `battle_kind = anonymous` and
 * `flagged = false`.
 */
export const COUNTED_VOTE_WHERE = { kind: "anonymous", excluded: false, flagged: false } as const;

/** How many votes are counted now (see COUNTED_VOTE_WHERE). */
export function countCountedVotes(db: Db): Promise<number> {
  return db.vote.count({ where: COUNTED_VOTE_WHERE });
}
