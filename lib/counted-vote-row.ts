// The counted-vote rule of lib/counted-vote.ts for a row of a vote file, in a module of its own
// with no imports: the ratings CLI uses it, and importing lib/counted-vote.ts would load the whole
// Prisma client (about 5 MB of JavaScript, most of the CLI's start-up).

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
