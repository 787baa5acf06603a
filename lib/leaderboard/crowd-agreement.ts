import type { RatedBattle } from "../ratings/types";

/** What the agreement rule reads of a model on the published board: its rating and connected group. */
export interface CrowdRating {
  rating: number;
  group: number;
}

/** Counts behind a voter's agreement rate with the crowd. */
export interface AgreementTally {
  /** Decisive votes whose winner the published board rates higher than the loser. */
  agreed: number;
  /** Decisive votes on a pair the published board orders: the Wilson interval's trials. */
  comparable: number;
  /** Decisive votes on a pair it does not order: a model not on it, two groups, equal ratings. */
  notComparable: number;
}

/**
 * A voter's agreement with the crowd on the same pairs (issue 31, item 4): of the voter's decisive
 * votes (`votes`: each distinct vote with how many times it was cast) (A or B; ties and both-bad say nothing about which is better), the share whose winner is
 * the crowd's favourite of that pair — the model with the higher rating on the published board
 * (`crowd`, ratings in points by model). A pair the board does not order — a model missing from
 * it, models of two groups (their ratings do not compare), or equal ratings — is counted apart,
 * not as agreement or disagreement. The caller adds a Wilson interval over `comparable` trials.
 */
export function crowdAgreement(
  votes: Iterable<{ battle: RatedBattle; count: number }>,
  crowd: Readonly<Record<string, CrowdRating>>,
): AgreementTally {
  const tally: AgreementTally = { agreed: 0, comparable: 0, notComparable: 0 };
  for (const { battle: vote, count } of votes) {
    if (vote.winner !== "model_a" && vote.winner !== "model_b") continue;
    const [winner, loser] = vote.winner === "model_a" ? [vote.modelA, vote.modelB] : [vote.modelB, vote.modelA];
    const w = crowd[winner];
    const l = crowd[loser];
    if (!w || !l || w.group !== l.group || w.rating === l.rating) {
      tally.notComparable += count;
      continue;
    }
    tally.comparable += count;
    if (w.rating > l.rating) tally.agreed += count;
  }
  return tally;
}
