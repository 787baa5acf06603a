/**
 * Voter-level integrity checks, run with each leaderboard recompute. Pure: votes in, flag reasons
 * out. Each check is a statistical test with a strict threshold, so an honest voter is flagged
 * with a probability well under one in a thousand.
 */

export interface IntegrityVote {
  id: string;
  voter: string;
  /** Salted hash of the address the voter session started from, if known. */
  address: string | null;
  outcome: "left" | "right" | "tie" | "both_bad";
  leftModel: string;
  rightModel: string;
  createdAt: Date;
  /** The vote came before the shorter clip could play once. */
  tooFast: boolean;
}

/** Why the voter-level checks flag a vote. */
export const ANOMALY_REASONS = [
  "one_sided_voter",
  "too_fast_voter",
  "contrarian_voter",
  "address_burst",
  // Set by the known-answer rule (lib/integrity/check-scoring.ts), not by findAnomalousVotes.
  "failed_checks",
] as const;
export type AnomalyReason = (typeof ANOMALY_REASONS)[number];

export interface IntegrityOptions {
  /** Two-sided binomial p-value below which a voter's left/right split is called one-sided. */
  sideAlpha: number;
  /** Share of too-fast votes (with at least `minVotes`) that marks a voter who does not watch. */
  tooFastShare: number;
  /** Sequential test threshold on the log-likelihood ratio "picks against the ratings" vs "with them". */
  contrarianLogRatio: number;
  /** Votes from one address within `burstWindowMs` above which the address is bursting. */
  burstVotes: number;
  burstWindowMs: number;
  minVotes: number;
}

export const DEFAULT_INTEGRITY_OPTIONS: IntegrityOptions = {
  sideAlpha: 1e-4,
  tooFastShare: 0.5,
  contrarianLogRatio: Math.log(1000),
  burstVotes: 60,
  burstWindowMs: 60_000,
  minVotes: 8,
};

/** ln P(X ≥ k) for X ~ Binomial(n, ½), summed in log space. */
function logUpperTail(n: number, k: number): number {
  let logChoose = 0; // ln C(n, n) = 0, built down to C(n, k)
  const terms: number[] = [];
  let max = -Infinity;
  for (let i = n; i >= k; i -= 1) {
    if (i < n) logChoose += Math.log((i + 1) / (n - i));
    const term = logChoose - n * Math.LN2;
    terms.push(term);
    // A loop, not Math.max(...terms): spreading a voter's 100k+ terms overflows the call stack.
    if (term > max) max = term;
  }
  return max + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - max), 0));
}

/** Two-sided binomial test of a left/right split against ½. */
export function sideSplitPValue(left: number, right: number): number {
  const n = left + right;
  if (n === 0) return 1;
  return Math.min(1, 2 * Math.exp(logUpperTail(n, Math.max(left, right))));
}

/**
 * Flags votes of anomalous voters and addresses. `ratings` (model → Bradley-Terry rating from
 * the previous snapshot) drives the contrarian test: a sequential probability-ratio test of
 * "this voter picks the model the ratings expect to lose" against "picks as the ratings expect",
 * in the spirit of the consensus-agreement check of LMArena's published analysis.
 */
export function findAnomalousVotes(
  votes: readonly IntegrityVote[],
  ratings: ReadonlyMap<string, number>,
  options: IntegrityOptions = DEFAULT_INTEGRITY_OPTIONS,
): Map<string, AnomalyReason> {
  const flagged = new Map<string, AnomalyReason>();
  const byVoter = groupBy(votes, (vote) => vote.voter);

  for (const voterVotes of byVoter.values()) {
    const reason = voterReason(voterVotes, ratings, options);
    if (reason) for (const vote of voterVotes) flagged.set(vote.id, reason);
  }

  const byAddress = groupBy(votes, (vote) => vote.address);
  byAddress.delete(null);
  for (const addressVotes of byAddress.values()) {
    const times = addressVotes.map((v) => v.createdAt.getTime());
    const order = addressVotes.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number));
    const at = (rank: number) => times[order[rank] as number] as number;
    // Sliding window over the votes in time order. Every vote of a window holding more than
    // `burstVotes` is flagged once: `flaggedTo` remembers how far flagging reached, so a window
    // that slides by one vote flags one vote, keeping the pass linear after the sort.
    let start = 0;
    let flaggedTo = 0;
    for (let end = 0; end < order.length; end += 1) {
      while (at(end) - at(start) > options.burstWindowMs) start += 1;
      if (end - start + 1 <= options.burstVotes) continue;
      for (let i = Math.max(start, flaggedTo); i <= end; i += 1) {
        const id = (addressVotes[order[i] as number] as IntegrityVote).id;
        if (!flagged.has(id)) flagged.set(id, "address_burst");
      }
      flaggedTo = end + 1;
    }
  }
  return flagged;
}

/** Groups items by a key in one pass, appending to each group's list (linear in the items). */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function voterReason(
  votes: IntegrityVote[],
  ratings: ReadonlyMap<string, number>,
  options: IntegrityOptions,
): AnomalyReason | null {
  if (votes.length < options.minVotes) return null;
  const tooFast = votes.filter((v) => v.tooFast).length;
  if (tooFast / votes.length >= options.tooFastShare) return "too_fast_voter";
  const left = votes.filter((v) => v.outcome === "left").length;
  const right = votes.filter((v) => v.outcome === "right").length;
  if (left + right >= options.minVotes && sideSplitPValue(left, right) < options.sideAlpha) return "one_sided_voter";
  let logRatio = 0;
  for (const vote of votes) {
    if (vote.outcome !== "left" && vote.outcome !== "right") continue;
    const a = ratings.get(vote.leftModel);
    const b = ratings.get(vote.rightModel);
    if (a === undefined || b === undefined) continue;
    const pLeft = 1 / (1 + 10 ** ((b - a) / 400));
    const pChosen = Math.min(0.999, Math.max(0.001, vote.outcome === "left" ? pLeft : 1 - pLeft));
    logRatio += Math.log((1 - pChosen) / pChosen);
    if (logRatio > options.contrarianLogRatio) return "contrarian_voter";
  }
  return null;
}
