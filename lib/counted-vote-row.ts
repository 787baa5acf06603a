// The counted-vote rule of lib/counted-vote.ts for a row of a vote file, in a module of its own
// with no imports: the ratings CLI uses it, and importing lib/counted-vote.ts would load the whole
// Prisma client (about 5 MB of JavaScript, most of the CLI's start-up).

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
