import type { Db } from "./db/client";
import type { CountedVoteOptions } from "./counted-vote-row";
import { liveClipWhere, liveRealClipExistsSql, placeholdersServable } from "./clip-visibility";
import { Prisma, type VoteOutcome } from "./generated/sqlite/client";

export type { CountedVoteOptions } from "./counted-vote-row";

/**
 * Which battles' votes a reader takes (issue 32): `pairs` (Vote.size 2), `quads` (Vote.size 4:
 * best and worst of four) or `all`. Every reader names it: the board's readers (the ratings, Elo,
 * the sampler's tally, the vote counts that make a recompute due) take `all`, quads entering the
 * fit as their rank-breaking pairs (lib/ratings/rank-breaking.ts); the failure profile, times and
 * usable share read pairs and quads apart (a pair's two clip appearances, a quad's four:
 * lib/leaderboard/quad-appearances.ts); readers that model a vote as one pair and one outcome
 * (left, right, tie, both bad) — the integrity checks, style control, recognition rates, the
 * voter's board — take `pairs`.
 */
export type BattleSizes = "pairs" | "quads" | "all";

/** The Vote.size values `battles` selects. */
function sizesOf(battles: BattleSizes): number[] {
  return battles === "pairs" ? [2] : battles === "quads" ? [4] : [2, 4];
}

/** Options of the counted-vote rule as the database applies it; `battles` is always named. */
export type CountedVoteQuery = CountedVoteOptions & { battles: BattleSizes };

/**
 * Demo apart (issue 28): how the rule treats the demo's votes — votes on battles that showed a
 * demo placeholder clip. `count`: no real clip is live, the demo is all there is, and its votes
 * make its board (placeholdersServable). `omit`: real clips are live beside a demo an operator
 * kept (`npm run import -- --keep-demo`), so the demo's votes leave every reading — boards,
 * tallies, counts, vote files — and placeholder and real votes never share a board or a file.
 * `none`: no placeholder clip exists, so there is no such vote to test for.
 */
export type DemoVotes = "count" | "omit" | "none";

/** The database's demo state now, for the Prisma form of the rule (the SQL form decides it in the query). */
export async function demoVotesNow(db: Db): Promise<DemoVotes> {
  const placeholder = await db.clip.findFirst({ where: { placeholder: true }, select: { id: true } });
  if (placeholder === null) return "none";
  return (await placeholdersServable(db)) ? "count" : "omit";
}

/** The demo's state: how the counted-vote rule treats its votes, and whether the arena serves its placeholders. */
export interface DemoState {
  votes: DemoVotes;
  /** A live placeholder clip is served now (no real clip is live): pages say the clips are a demo. */
  served: boolean;
}

/**
 * The demo state now (demoVotesNow, and a live placeholder clip under `count`): three small probes.
 * The arena's page view reads it through its cache (ArenaCache.loadDemoState).
 */
export async function readDemoState(db: Db): Promise<DemoState> {
  const [votes, livePlaceholder] = await Promise.all([
    demoVotesNow(db),
    db.clip.findFirst({ where: { AND: [liveClipWhere(), { placeholder: true }] }, select: { id: true } }),
  ]);
  return { votes, served: votes === "count" && livePlaceholder !== null };
}

/**
 * A vote on a battle none of whose clips (a pair's two, a quad's four; a check battle's one) is a
 * placeholder, as a Prisma filter on Vote.
 */
const SHOWED_NO_PLACEHOLDER = {
  battle: {
    leftClip: { placeholder: false },
    rightClip: { placeholder: false },
    NOT: [{ clipC: { placeholder: true } }, { clipD: { placeholder: true } }],
  },
} satisfies Prisma.VoteWhereInput;

/** A pair vote's outcome. */
export type PairOutcome = "left" | "right" | "tie" | "both_bad";

/**
 * A pair vote's outcome, for readers that select `battles: "pairs"`: throws when a quad
 * vote's outcome (best_worst, all_bad) reaches one, which would be a bug in its query.
 */
export function pairOutcome(outcome: VoteOutcome): PairOutcome {
  if (outcome === "best_worst" || outcome === "all_bad") throw new Error(`a quad vote (${outcome}) read as a pair`);
  return outcome;
}

/**
 * The one definition of a counted vote — a vote the ratings use: a blind (anonymous) vote on a
 * real battle that an integrity check has not flagged and an operator has not excluded. Named
 * votes (cast on /compare, where the models are shown) never count; nor do votes on check
 * battles (a clip against its own degraded twin, issue 31: Vote.checkPassed is set), in any
 * reading — ratings, the sampler's statistics, failure profiles, vote files. `includeFlagged` widens it to flagged votes,
 * for analyses that ask for them; excluded and named votes stay out. `excludeRecognised` narrows
 * it to the votes whose voter did not name a model of the battle in the recognition survey.
 * Quad votes (issue 32) follow the same rule; `battles` chooses pairs, quads or both.
 * `demoVotes` is the database's demo state (demoVotesNow): under `omit` the demo's votes are left
 * out, whatever the widening. Readers in lib use countedVoteFilter, which reads the state.
 */
export function countedVoteWhere(options: CountedVoteQuery & { demoVotes: DemoVotes }) {
  const sizes = sizesOf(options.battles);
  return {
    ...(options.demoVotes === "omit" ? SHOWED_NO_PLACEHOLDER : {}),
    kind: "anonymous",
    checkPassed: null,
    excluded: false,
    size: sizes.length === 1 ? (sizes[0] as number) : { in: sizes },
    ...(options.includeFlagged ? {} : { flagged: false }),
    ...(options.excludeRecognised ? { recognisedCorrectly: false } : {}),
  } as const;
}

/** countedVoteWhere with the database's demo state read now (demoVotesNow). */
export async function countedVoteFilter(db: Db, options: CountedVoteQuery) {
  return countedVoteWhere({ ...options, demoVotes: await demoVotesNow(db) });
}

/**
 * The same rule as an SQL condition on the "Vote" table under `alias` (values bound, in the
 * subset SQLite and PostgreSQL share). `includeNamed` keeps named votes, as a vote file does (it
 * marks them in `battle_kind`). `alias` is the query's own table alias, never user input. The
 * demo state is decided in the query (demoApartSql), so the SQL form needs no `demoVotes`.
 */
export function countedVoteSql(alias: string, options: CountedVoteQuery & { includeNamed?: boolean }): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const conditions = [
    notCheckVoteSql(alias),
    demoApartSql(alias),
    battleSizeSql(alias, options.battles),
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

/**
 * The other part no widening lifts (DemoVotes): the vote is not the demo's while real clips are
 * live. In SQL the state is decided in the query: no placeholder clip exists (`none`), or no real
 * clip is live (`count`), or the vote's battle showed no placeholder (`omit`). The two EXISTS are
 * uncorrelated (evaluated once per query), and the set of the demo's battles is read only in the
 * `omit` state, so a database without a kept demo pays two index-free probes per query, not per vote.
 */
export function demoApartSql(alias: string): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return Prisma.sql`(NOT EXISTS (SELECT 1 FROM "Clip" dc WHERE dc."placeholder" = ${true})
    OR NOT ${liveRealClipExistsSql("rc")}
    OR ${Prisma.raw(`${alias}."battleId"`)} NOT IN (SELECT db."id" FROM "Battle" db JOIN "Clip" dp
      ON dp."id" IN (db."leftClipId", db."rightClipId", db."clipCId", db."clipDId") WHERE dp."placeholder" = ${true}))`;
}

/** The votes of the battles `battles` selects (Vote.size), as an SQL condition on `alias`. */
export function battleSizeSql(alias: string, battles: BattleSizes): Prisma.Sql {
  if (!/^[A-Za-z_]\w*$/.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return Prisma.sql`${Prisma.raw(`${alias}."size"`)} IN (${Prisma.join(sizesOf(battles))})`;
}

/**
 * `battles` as a reader of the database may read it: "all" is "pairs" while there is no blind quad
 * vote (the same votes), so a pair-only database's readers group and select no quad columns
 * (grouping by four empty columns cost the recompute's grouped query about 15% at 100,000 votes).
 * The check asks for a quad's outcome (best_worst, all_bad), which the (kind, …, outcome) index
 * answers without reading the table: 67 ms where asking for size 4 scanned it in 849 ms (100,000
 * pair votes, load 22). A flagged or excluded quad also gives "all": quad columns read for
 * nothing, no vote lost.
 */
export async function narrowBattles(db: Db, battles: BattleSizes): Promise<BattleSizes> {
  if (battles !== "all") return battles;
  const quad = await db.vote.findFirst({
    where: { kind: "anonymous", outcome: { in: ["best_worst", "all_bad"] } },
    select: { id: true },
  });
  return quad ? "all" : "pairs";
}

/** The check votes: the complement of notCheckVoteSql, as a Prisma filter. */
export const CHECK_VOTE_WHERE = { checkPassed: { not: null } } as const;

// The same rule for a row of a vote file lives in ./counted-vote-row.ts (re-exported here), apart
// so that reading a vote file (the ratings CLI) does not load the Prisma client.
export { isCountedVoteRow } from "./counted-vote-row";

/**
 * How many votes are counted now (see countedVoteWhere), pair and quad votes alike, as the board
 * counts them; `demoVotes` when the caller has read the demo state already (else read now).
 */
export async function countCountedVotes(db: Db, demoVotes?: DemoVotes): Promise<number> {
  return db.vote.count({
    where: countedVoteWhere({ battles: "all", demoVotes: demoVotes ?? (await demoVotesNow(db)) }),
  });
}
