/**
 * Counted votes a model needs before its rating is published as established. Below it a model is
 * *provisional*: listed after the established models of its group, shown without a point value
 * on the home page, and left out of the established models' rank (UB).
 *
 * Why 20: in the exact two-model case (docs/ratings.md, issue 27) the closed side's coverage is
 * worst at 5–20 votes, and at 20 votes a 95% interval of an even record is still about ±160
 * points (Clopper-Pearson 0.27–0.73 share of decisive votes); on the real files in
 * SHARED_DIR/real-votes the ridge (bt-fit.ts) moves no model with ≥ 20 votes by 0.1 points or
 * more, while it moves an 11-vote model by ~2 points — a point below 20 votes leans on the prior.
 * LMArena shows a model only after a few hundred votes; an arena of video clips is far smaller.
 */
export const MIN_ESTABLISHED_VOTES = 20;

/**
 * The provisional rule, the one home of it: a row is provisional when it has fewer than
 * MIN_ESTABLISHED_VOTES counted votes, or when either side of its 95% interval is open (null:
 * the votes cannot bound it, Ford's condition — e.g. only wins), since then its point value is
 * the ridge's, not the data's. `votes` counts every counted vote the model took part in (ties
 * and both-bad included).
 */
export function isProvisional(row: { votes: number; ciLow: number | null; ciHigh: number | null }): boolean {
  return row.votes < MIN_ESTABLISHED_VOTES || row.ciLow === null || row.ciHigh === null;
}
