import { z } from "zod";
import { CHECK_VOTE_WHERE } from "../counted-vote";
import type { Db } from "../db/client";
import { checkAccuracy, type CheckRule, DEFAULT_CHECK_RULE, FAILED_CHECKS_REASON } from "../integrity/check-scoring";
import type { LoadedSnapshot } from "./latest-snapshot";

export type { CheckRule } from "../integrity/check-scoring";

/**
 * The crowd's accuracy on known-answer (check) battles (issue 31; lib/arena/check-battles.ts),
 * computed with each recompute and stored in its snapshot: the share of checks whose vote chose
 * the original, with its 95% Wilson interval (Wilson 1927; lib/ratings/wilson-interval.ts), over
 * all checks, per category of the prompt (a prompt in two categories counts in both) and per
 * calendar month (UTC) of the vote; and how many votes the known-answer rule flagged
 * (`failed_checks`, lib/integrity/check-scoring.ts) and from how many voter sessions. Check votes
 * an operator excluded are left out; every other check vote is in, whoever cast it.
 */
export interface CheckAccuracyCell {
  /** "overall", a category slug, or a month `YYYY-MM`. */
  key: string;
  checks: number;
  passed: number;
  /** passed / checks (0 without checks), with its 95% Wilson interval. */
  share: number;
  ciLow: number;
  ciHigh: number;
}

export interface CheckAccuracyView {
  overall: CheckAccuracyCell;
  byCategory: CheckAccuracyCell[];
  byMonth: CheckAccuracyCell[];
  /** Votes flagged by the known-answer rule and not restored by a moderator (off the board, kept in exports). */
  flaggedVotes: number;
  /** Voter sessions with at least one such vote. */
  flaggedSessions: number;
  rule: CheckRule;
}

function cell(key: string, passed: number, checks: number): CheckAccuracyCell {
  const { share, ciLow, ciHigh } = checkAccuracy(passed, checks);
  return { key, checks, passed, share, ciLow, ciHigh };
}

/** Adds one check to the tally under `key`. */
function count(tallies: Map<string, { passed: number; checks: number }>, key: string, passed: boolean) {
  const tally = tallies.get(key) ?? { passed: 0, checks: 0 };
  tally.checks += 1;
  if (passed) tally.passed += 1;
  tallies.set(key, tally);
}

/**
 * Reads every check vote (one row each: checks are a small share of battles) and the
 * `failed_checks` flags, and tallies them as CheckAccuracyView says. Categories and months come
 * out sorted by key.
 */
export async function computeCheckView(db: Db, rule: CheckRule = DEFAULT_CHECK_RULE): Promise<CheckAccuracyView> {
  const [checks, prompts, flagged] = await Promise.all([
    db.vote.findMany({
      where: { ...CHECK_VOTE_WHERE, excluded: false },
      select: { checkPassed: true, promptId: true, createdAt: true },
    }),
    db.prompt.findMany({ select: { id: true, categories: { select: { category: { select: { slug: true } } } } } }),
    db.vote.groupBy({
      by: ["voterSessionId"],
      where: { flagged: true, flagReason: FAILED_CHECKS_REASON, excluded: false },
      _count: { _all: true },
    }),
  ]);
  const categoriesOf = new Map(prompts.map((p) => [p.id, p.categories.map((c) => c.category.slug)]));
  const byCategory = new Map<string, { passed: number; checks: number }>();
  const byMonth = new Map<string, { passed: number; checks: number }>();
  let passed = 0;
  for (const check of checks) {
    const ok = check.checkPassed === true;
    if (ok) passed += 1;
    for (const slug of categoriesOf.get(check.promptId) ?? []) count(byCategory, slug, ok);
    count(byMonth, check.createdAt.toISOString().slice(0, 7), ok);
  }
  const cells = (tallies: Map<string, { passed: number; checks: number }>) =>
    [...tallies].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => cell(key, t.passed, t.checks));
  return {
    overall: cell("overall", passed, checks.length),
    byCategory: cells(byCategory),
    byMonth: cells(byMonth),
    flaggedVotes: flagged.reduce((sum, group) => sum + group._count._all, 0),
    flaggedSessions: flagged.length,
    rule,
  };
}

const cellSchema = z.object({
  key: z.string().describe('"overall", a category slug, or a month YYYY-MM (UTC)'),
  checks: z.number().int().describe("Check battles voted on"),
  passed: z.number().int().describe("Of them, votes that chose the original (tie and both-bad fail)"),
  share: z.number().describe("passed / checks, 0–1 (0 without checks)"),
  ciLow: z.number().describe("95% Wilson interval, lower bound"),
  ciHigh: z.number().describe("95% Wilson interval, upper bound"),
});

/** GET /api/leaderboard/checks's answer (and the `checks` of a release manifest, without computedAt). */
export const checkAccuracyResponseSchema = z.object({
  computedAt: z.string().nullable(),
  overall: cellSchema,
  byCategory: z.array(cellSchema),
  byMonth: z.array(cellSchema),
  flaggedVotes: z.number().int().describe("Votes flagged failed_checks (off the board, kept in exports with the flag)"),
  flaggedSessions: z.number().int().describe("Voter sessions those votes came from"),
  rule: z.object({
    threshold: z.number().describe("A session is flagged when its accuracy's 95% Wilson upper bound is below this…"),
    minChecks: z.number().int().describe("…after at least this many checks"),
  }),
});
export type CheckAccuracyResponse = z.infer<typeof checkAccuracyResponseSchema>;

/** The snapshot's check accuracy; an empty view (no checks) before the first snapshot that has it. */
export function selectChecks(snapshot: LoadedSnapshot | null): CheckAccuracyResponse {
  const view = snapshot?.data.checks ?? {
    overall: cell("overall", 0, 0),
    byCategory: [],
    byMonth: [],
    flaggedVotes: 0,
    flaggedSessions: 0,
    rule: DEFAULT_CHECK_RULE,
  };
  return { computedAt: snapshot?.computedAt.toISOString() ?? null, ...view };
}
