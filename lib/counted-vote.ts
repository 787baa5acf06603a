import type { Db } from "./db/client";
import { Prisma } from "./generated/sqlite/client";

/** Ways a reader may narrow or widen the counted votes. */
export interface CountedVoteOptions {
  /** Also count votes an integrity check flagged (excluded and named votes stay out). */
  includeFlagged?: boolean;
  /**
   * Leave out the votes whose voter named one of the battle's models correctly in the
   * recognition survey (Vote.recognisedCorrectly; the board's `exclude=recognised`).
   */
  excludeRecognised?: boolean;
}

/**
 * The one definition of a counted vote — a vote the ratings use: a blind (anonymous) vote that
 * an integrity check has not flagged and an operator has not excluded. Named votes (cast on
 * /compare, where the models are shown) never count. `includeFlagged` widens it to flagged votes,
 * for analyses that ask for them; excluded and named votes stay out. `excludeRecognised` narrows
 * it to the votes whose voter did not name a model of the battle in the recognition survey.
 */
export function countedVoteWhere(options: CountedVoteOptions = {}) {
  return {
    kind: "anonymous",
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
    ...(options.includeNamed ? [] : [Prisma.sql`${column("kind")} = ${"anonymous"}`]),
    Prisma.sql`${column("excluded")} = ${false}`,
    ...(options.includeFlagged ? [] : [Prisma.sql`${column("flagged")} = ${false}`]),
    ...(options.excludeRecognised ? [Prisma.sql`${column("recognisedCorrectly")} = ${false}`] : []),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * The same rule for a row of a vote file (an export or a release), whose `flagged` column also
 * marks excluded votes and whose `battle_kind` gives `named`. `includeNamed` widens it to named
 * votes, for a researcher's own analysis of a file (the ratings CLI's `--include-named`); the app
 * never counts them. A file row's `recognised` is its `recognised_correctly` column.
 */
export function isCountedVoteRow(
  row: { flagged: boolean; named: boolean; recognised?: boolean },
  options: CountedVoteOptions & { includeNamed?: boolean } = {},
) {
  return (
    (options.includeNamed === true || !row.named) &&
    (options.includeFlagged === true || !row.flagged) &&
    (options.excludeRecognised !== true || row.recognised !== true)
  );
}

/** How many votes are counted now (see countedVoteWhere). */
export function countCountedVotes(db: Db): Promise<number> {
  return db.vote.count({ where: countedVoteWhere() });
}
