import type { LeaderboardRow } from "../ratings";
import { isProvisional } from "../ratings/provisional";

/** The numbers published for one model in one rating result. */
export interface PublicRatingNumbers {
  /** Rating in points (Bradley-Terry: base 10, 400 points, mean 1000; or Elo). */
  rating: number;
  /** The 95% interval, in points; null where it is open (the votes cannot bound that side). */
  ciLow: number | null;
  ciHigh: number | null;
  /** The model's connected group: ratings and ranks compare only within a group. */
  group: number;
  /** Rank (UB): 1 + the number of models of the same group whose lower bound is above this one's upper bound. */
  rank: number;
  /**
   * Statistical tier within the group (lib/ratings/tiers.ts): models whose upper bound reaches the
   * lower bound of their tier's leader share a tier. Null for provisional models, and in snapshots
   * computed before tiers existed (until the next recompute).
   */
  tier: number | null;
  /** Counted votes the model took part in. */
  votes: number;
  /** (wins + ties / 2) / votes. */
  winRate: number;
  /** Fewer than MIN_ESTABLISHED_VOTES votes or an open side: its point value is not an estimate to publish. */
  provisional: boolean;
}

/**
 * The one builder of public rating rows — the leaderboard (API, page, share image), a model's
 * profile and a release's manifest all publish these fields of a computed row, and only these.
 */
export function publicRatingNumbers(row: LeaderboardRow): PublicRatingNumbers {
  return {
    rating: row.rating,
    ciLow: row.ciLow,
    ciHigh: row.ciHigh,
    group: row.group,
    rank: row.rank,
    tier: row.tier ?? null,
    votes: row.votes,
    winRate: row.winRate,
    // From the rule, not the stored flag: snapshots computed before the rule existed get it too.
    provisional: isProvisional(row),
  };
}
