import type { FailureTimeRow } from "../ratings/failure-times";
import type { PositionTermEffect } from "../ratings/position-term";
import type { CheckAccuracyView } from "./check-view";
import type { FailureProfileRow } from "../ratings/failure-profile";
import type { UsableRow } from "./style-and-failures";
import type { RecognitionRate } from "../ratings/recognition-rates";
import type { StyleControlResult } from "../ratings/style-control";
import type { RatingsResult } from "../ratings/types";

/** One leaderboard view as published: a category (or overall) under a language and mode filter. */
export interface PublishedView {
  /** Counted votes: pair votes and quad votes (issue 32), a quad once, all-bad ones included. */
  votes: number;
  /**
   * Of them, quad votes. Absent: none (and in snapshots computed before quads were rated, which
   * counted pair votes only). A view without quads answers `votesFrom=pairs` as it is and
   * `votesFrom=quads` empty, with no fit (read-leaderboard.ts, answeringQuery).
   */
  quadVotes?: number;
  bt: RatingsResult;
  /** Elo is computed for the unfiltered view of each category only (it needs every vote in order). */
  elo?: RatingsResult;
  /**
   * How far a left/right term would move the Bradley-Terry board (positionTermEffect). Absent from
   * snapshots computed before it was published and from views fitted on request.
   */
  positionTerm?: PositionTermEffect;
}

export interface SnapshotModel {
  slug: string;
  name: string;
  organisation: string;
  active: boolean;
}

/** What a RatingSnapshot row's `data` holds. */
export interface SnapshotData {
  models: SnapshotModel[];
  categories: string[];
  views: Record<string, PublishedView>;
  /**
   * Style-controlled Bradley-Terry ratings per category ("overall" and each category), models by
   * slug. Absent from snapshots computed before style control existed.
   */
  style?: Record<string, StyleControlResult>;
  /** Failure rates per model slug × category × tag, with Wilson intervals. Absent from older snapshots. */
  failures?: FailureProfileRow[];
  /**
   * Usable appearances (not "both bad", no failure tag) and delivered seconds per model slug ×
   * category, all counted votes; the board divides price by their share. Absent from older snapshots.
   */
  usable?: UsableRow[];
  /** Time to first failure per model slug × category (Kaplan-Meier, issue 33). Absent from older snapshots. */
  failureTimes?: FailureTimeRow[];
  /** Identification rates from the recognition survey, per model slug and "any". Absent from older snapshots. */
  recognition?: RecognitionRate[];
  /** The crowd's accuracy on check battles (lib/leaderboard/check-view.ts). Absent from older snapshots. */
  checks?: CheckAccuracyView;
}

/** The exact parameters a snapshot was computed with (kept in its `params`). */
export interface SnapshotParams {
  btBootstrap: number;
  eloBootstrap: number;
  eloK: number;
  seed: number;
  includeFlagged: boolean;
  /** Votes per minute from one address that count as a burst (integrity checks). */
  burstVotesPerMinute: number;
  /** The known-answer rule (lib/integrity/check-scoring.ts); DEFAULT_CHECK_RULE when absent. */
  checkRule?: { threshold: number; minChecks: number };
}
