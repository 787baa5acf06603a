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
export const ANOMALY_REASONS = ["one_sided_voter", "too_fast_voter", "contrarian_voter", "address_burst"] as const;
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
  for (let i = n; i >= k; i -= 1) {
    if (i < n) logChoose += Math.log((i + 1) / (n - i));
    terms.push(logChoose - n * Math.LN2);
  }
  const max = Math.max(...terms);
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
  const byVoter = new Map<string, IntegrityVote[]>();
  for (const vote of votes) byVoter.set(vote.voter, [...(byVoter.get(vote.voter) ?? []), vote]);

  for (const voterVotes of byVoter.values()) {
    const reason = voterReason(voterVotes, ratings, options);
    if (reason) for (const vote of voterVotes) flagged.set(vote.id, reason);
  }

  const byAddress = new Map<string, IntegrityVote[]>();
  for (const vote of votes)
    if (vote.address) byAddress.set(vote.address, [...(byAddress.get(vote.address) ?? []), vote]);
  for (const addressVotes of byAddress.values()) {
    const sorted = [...addressVotes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    let start = 0;
    for (let end = 0; end < sorted.length; end += 1) {
      while (
        (sorted[end] as IntegrityVote).createdAt.getTime() - (sorted[start] as IntegrityVote).createdAt.getTime() >
        options.burstWindowMs
      )
        start += 1;
      if (end - start + 1 > options.burstVotes) {
        for (let i = start; i <= end; i += 1)
          if (!flagged.has((sorted[i] as IntegrityVote).id))
            flagged.set((sorted[i] as IntegrityVote).id, "address_burst");
      }
    }
  }
  return flagged;
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
