/** Outcome labels of LMArena's public battle data, which Clip Arena's export keeps. */
export type Winner = "model_a" | "model_b" | "tie" | "tie (bothbad)";
export const WINNERS: readonly Winner[] = ["model_a", "model_b", "tie", "tie (bothbad)"];

/** One vote: model A was shown on the left. */
export interface RatedBattle {
  modelA: string;
  modelB: string;
  winner: Winner;
}

/** A four-up vote (issue 32): models in shown order A..D; best/worst are indexes 0..3, both null = all bad. */
export interface RatedQuad {
  models: readonly [string, string, string, string];
  best: 0 | 1 | 2 | 3 | null;
  worst: 0 | 1 | 2 | 3 | null;
}

/** Aggregated counts for one ordered (left, right) model pair. */
export interface PairCell {
  modelA: string;
  modelB: string;
  winsA: number;
  winsB: number;
  ties: number;
  bothBad: number;
}

export interface LeaderboardRow {
  model: string;
  rating: number;
  /** 95% interval of `rating`; null: open on that side, the data cannot bound it (e.g. only wins). */
  ciLow: number | null;
  ciHigh: number | null;
  /** Index of the model's connected group in `components`: ratings compare only within a group. */
  group: number;
  /**
   * Rank (UB): 1 + the number of models of the same group whose lower bound is above this model's
   * upper bound. No rank compares models of different groups. Models with equal ratings (e.g.
   * identical records) share a rank, from the union of their intervals.
   */
  rank: number;
  /**
   * Statistical tier within the group (statisticalTiers in tiers.ts): 1 + the tiers above, where a
   * tier holds the models whose upper bound reaches its leader's lower bound. Null for provisional
   * rows. Absent from snapshots computed before tiers existed.
   */
  tier?: number | null;
  votes: number;
  wins: number;
  losses: number;
  /** Ties and both-bad votes. */
  ties: number;
  /** (wins + ties / 2) / votes: the share a Bradley-Terry fit explains. */
  winRate: number;
  /**
   * Fewer than MIN_ESTABLISHED_VOTES votes or an open side (isProvisional): listed after the
   * established models of its group and not counted in their rank (UB).
   */
  provisional: boolean;
}

export interface PositionBias {
  /** Share of decisive votes won by the left clip; 0.5 means no bias. */
  leftWinShare: number;
  ciLow: number;
  ciHigh: number;
  decisiveVotes: number;
}

/** How Bradley-Terry intervals are computed (see computeBradleyTerry). */
export type IntervalMethod = "bootstrap" | "sandwich";

export interface RatingsResult {
  /** "bt": Davidson's tie model (the default); "bt-half": ties count half a win; "elo": online Elo. */
  method: "bt" | "bt-half" | "elo";
  votes: number;
  /** Rows by group (largest first), established before provisional, then by rating, highest first. */
  rows: LeaderboardRow[];
  /**
   * Groups of models connected by votes. With more than one, ratings are only comparable within
   * a group; the warnings say so.
   */
  components: string[][];
  warnings: string[];
  /** Order of the matrices below: the rows' order. */
  models: string[];
  /** battleCounts[i][j]: votes between models i and j, either side. */
  battleCounts: number[][];
  /** winFractions[i][j]: share of i's wins among decisive votes of i against j; null without any. */
  winFractions: (number | null)[][];
  positionBias: PositionBias;
  params: {
    bootstrap: number;
    seed: number;
    intervals?: IntervalMethod;
    anchor?: { model: string; rating: number };
    k?: number;
    /** What the bootstrap resampled as one unit when not single votes (see cluster-resample.ts). */
    cluster?: "voter" | "prompt";
  };
}

/** Rating scale shared by both methods: base-10 logistic, 400 points per decade, 1000 at the centre. */
export const SCALE = 400;
export const BASE = 10;
export const INITIAL_RATING = 1000;
