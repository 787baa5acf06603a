import type { Db } from "./db/client";
import type { CountedVoteOptions } from "./counted-vote-row";
import { Prisma } from "./generated/sqlite/client";

export type { CountedVoteOptions } from "./counted-vote-row";

/**
 * The one definition of a counted vote — a vote the ratings use: a blind (anonymous) vote on a
 * real battle that an integrity check has not flagged and an operator has not excluded. Named
 * votes (cast on /compare, where the models are shown) never count; nor do votes on check
 * battles (a clip against its own degraded twin, issue 31: Vote.checkPassed is set), in any
 * reading — ratings, the sampler's statistics, failure profiles, vote files. `includeFlagged` widens it to flagged votes,
 * for analyses that ask for them; excluded and named votes stay out. `excludeRecognised` narrows
 * it to the votes whose voter did not name a model of the battle in the recognition survey.
 */
export function countedVoteWhere(options: CountedVoteOptions = {}) {
  return {
    kind: "anonymous",
    checkPassed: null,
    excluded: false,
    ...(options.includeFlagged ? {} : { flagged: false }),
    ...(options.excludeRecognised ? { recognisedCorrectly: false } : {}),
  } as const;
}

/**
 * The same rule as an SQL condition on the "Vote" table under `alias` (values bound, in the
 * subset SQLite and PostgreSQL share). `includeNamed` keeps named votes, as a vote file does (it
 * marks them in `battle_kind`). `alias` is the query's own table alias, never user input.
 */
export function countedVoteSql(
  alias: string,
  options: CountedVoteOptions & { includeNamed?: boolean } = {},
): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const conditions = [
    notCheckVoteSql(alias),
    ...(options.includeNamed ? [] : [Prisma.sql`${column("kind")} = ${"anonymous"}`]),
    Prisma.sql`${column("excluded")} = ${false}`,
    ...(options.includeFlagged ? [] : [Prisma.sql`${column("flagged")} = ${false}`]),
    ...(options.excludeRecognised ? [Prisma.sql`${column("recognisedCorrectly")} = ${false}`] : []),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * The part of the rule no widening lifts: the vote is not on a check battle (Vote.checkPassed is
 * null). Vote files read with `includeFlagged` use it alone, so checks never reach a vote file;
 * their aggregate is published instead (lib/integrity/check-accuracy.ts).
 */
export function notCheckVoteSql(alias: string): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return Prisma.sql`${Prisma.raw(`${alias}."checkPassed"`)} IS NULL`;
}

/** The check votes: the complement of notCheckVoteSql, as a Prisma filter. */
export const CHECK_VOTE_WHERE = { checkPassed: { not: null } } as const;

// The same rule for a row of a vote file lives in ./counted-vote-row.ts (re-exported here), apart
// so that reading a vote file (the ratings CLI) does not load the Prisma client.
export { isCountedVoteRow } from "./counted-vote-row";

/** How many votes are counted now (see countedVoteWhere). */
export function countCountedVotes(db: Db): Promise<number> {
  return db.vote.count({ where: countedVoteWhere() });
}
