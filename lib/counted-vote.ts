import type { Db } from "./db/client";

/**
 * The one definition of a counted vote — a vote the ratings use: a blind (anonymous) vote that
 * an integrity check has not flagged and an operator has not excluded. Named votes (cast on
 * /compare, where the models are shown) never count. `includeFlagged` widens it to flagged votes,
 * for analyses that ask for them; excluded and named votes stay out.
 */
export function countedVoteWhere(options: { includeFlagged?: boolean } = {}) {
  return {
    kind: "anonymous",
    excluded: false,
    ...(options.includeFlagged ? {} : { flagged: false }),
  } as const;
}

/**
 * The same rule for a row of a vote file (an export or a release), whose `flagged` column also
 * marks excluded votes and whose `battle_kind` gives `named`. `includeNamed` widens it to named
 * votes, for a researcher's own analysis of a file (the ratings CLI's `--include-named`); the app
 * never counts them.
 */
export function isCountedVoteRow(
  row: { flagged: boolean; named: boolean },
  options: { includeFlagged?: boolean; includeNamed?: boolean } = {},
) {
  return (options.includeNamed === true || !row.named) && (options.includeFlagged === true || !row.flagged);
}

/** How many votes are counted now (see countedVoteWhere). */
export function countCountedVotes(db: Db): Promise<number> {
  return db.vote.count({ where: countedVoteWhere() });
}
