import { isProvisional } from "./provisional";
import { assignTiers } from "./tiers";
import type { LeaderboardRow, PairCell, PositionBias, RatingsResult } from "./types";

/** 97.5th percentile of the standard normal. */
const Z95 = 1.959964;

/** Per-model vote tallies from cells. */
export function tallyModels(
  cells: readonly PairCell[],
): Map<string, { votes: number; wins: number; losses: number; ties: number }> {
  const tallies = new Map<string, { votes: number; wins: number; losses: number; ties: number }>();
  const get = (model: string) => {
    let t = tallies.get(model);
    if (!t) tallies.set(model, (t = { votes: 0, wins: 0, losses: 0, ties: 0 }));
    return t;
  };
  for (const c of cells) {
    const a = get(c.modelA);
    const b = get(c.modelB);
    const n = c.winsA + c.winsB + c.ties + c.bothBad;
    a.votes += n;
    b.votes += n;
    a.wins += c.winsA;
    a.losses += c.winsB;
    b.wins += c.winsB;
    b.losses += c.winsA;
    a.ties += c.ties + c.bothBad;
    b.ties += c.ties + c.bothBad;
  }
  return tallies;
}

/** Share of decisive votes the left clip won, with a 95% Wilson interval. */
export function positionBias(cells: readonly PairCell[]): PositionBias {
  let left = 0;
  let decisive = 0;
  for (const c of cells) {
    left += c.winsA;
    decisive += c.winsA + c.winsB;
  }
  if (decisive === 0) return { leftWinShare: 0.5, ciLow: 0, ciHigh: 1, decisiveVotes: 0 };
  const p = left / decisive;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * decisive)) / (1 + z2 / decisive);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / decisive + z2 / (4 * decisive * decisive))) / (1 + z2 / decisive);
  return {
    leftWinShare: p,
    ciLow: Math.max(0, centre - half),
    ciHigh: Math.min(1, centre + half),
    decisiveVotes: decisive,
  };
}

/** The p-quantile of a sorted array, by linear interpolation (numpy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return (sorted[below] as number) + ((sorted[above] as number) - (sorted[below] as number)) * (position - below);
}

/** A model's rating, its 95% interval (null: open side) and its connected group. */
export interface RatingInterval {
  rating: number;
  ciLow: number | null;
  ciHigh: number | null;
  group: number;
}

/**
 * Ratings closer than this (rating points) are one estimate: far below what is shown (one
 * decimal) and far above the solver's own noise (its tolerance is 1e-10 on the log scale).
 */
const SAME_RATING = 1e-6;

/**
 * Rank (UB) within each group: 1 + the number of models of the group whose lower bound is above
 * this model's upper bound; an open bound is never above or below anything (LMArena's rank, as in
 * FastChat's `compute_ranking`). Only established models count above an established one, so a
 * provisional row (isProvisional) never moves an established model's rank; a provisional row is
 * ranked against every model of its group. Models whose ratings are equal (within SAME_RATING, e.g. two
 * models with identical records) are one tier: their bootstrap intervals differ only by resampling
 * noise, so the tier is ranked, and counted above others, with the union of its intervals, and
 * they share a rank. `rows` is sorted by group, then rating.
 */
function assignRanks(rows: LeaderboardRow[]): void {
  const tiers: {
    group: number;
    provisional: boolean;
    low: number | null;
    high: number | null;
    rows: LeaderboardRow[];
  }[] = [];
  for (const row of rows) {
    const tier = tiers.at(-1);
    if (
      tier &&
      tier.group === row.group &&
      tier.provisional === row.provisional &&
      Math.abs((tier.rows[0] as LeaderboardRow).rating - row.rating) < SAME_RATING
    ) {
      tier.rows.push(row);
      tier.low = tier.low === null || row.ciLow === null ? null : Math.min(tier.low, row.ciLow);
      tier.high = tier.high === null || row.ciHigh === null ? null : Math.max(tier.high, row.ciHigh);
    } else
      tiers.push({ group: row.group, provisional: row.provisional, low: row.ciLow, high: row.ciHigh, rows: [row] });
  }
  for (const tier of tiers) {
    const high = tier.high;
    const rank =
      high === null
        ? 1
        : 1 +
          tiers
            .filter(
              (other) =>
                other.group === tier.group &&
                (tier.provisional || !other.provisional) &&
                other.low !== null &&
                other.low > high,
            )
            .reduce((sum, other) => sum + other.rows.length, 0);
    for (const row of tier.rows) row.rank = rank;
  }
}

/**
 * The parts of a result both methods share: rows with tallies, the provisional mark, rank (UB)
 * and statistical tier from the intervals, by group, established before provisional, then rating; battle-count and win-fraction matrices in that order; position bias.
 */
export function summarise(
  cells: readonly PairCell[],
  ratings: Map<string, RatingInterval>,
): Pick<RatingsResult, "rows" | "models" | "battleCounts" | "winFractions" | "positionBias" | "votes"> {
  const tallies = tallyModels(cells);
  const rows: LeaderboardRow[] = [...ratings].map(([model, r]) => {
    const t = tallies.get(model) ?? { votes: 0, wins: 0, losses: 0, ties: 0 };
    const winRate = t.votes > 0 ? (t.wins + t.ties / 2) / t.votes : 0;
    return { model, ...r, rank: 0, ...t, winRate, provisional: isProvisional({ votes: t.votes, ...r }) };
  });
  rows.sort(
    (a, b) =>
      a.group - b.group ||
      Number(a.provisional) - Number(b.provisional) ||
      b.rating - a.rating ||
      a.model.localeCompare(b.model),
  );
  assignRanks(rows);
  assignTiers(rows);

  const models = rows.map((r) => r.model);
  const index = new Map(models.map((m, i) => [m, i]));
  const counts = models.map(() => models.map(() => 0));
  const wins = models.map(() => models.map(() => 0));
  for (const c of cells) {
    const a = index.get(c.modelA);
    const b = index.get(c.modelB);
    if (a === undefined || b === undefined) continue;
    const n = c.winsA + c.winsB + c.ties + c.bothBad;
    (counts[a] as number[])[b] = ((counts[a] as number[])[b] as number) + n;
    (counts[b] as number[])[a] = ((counts[b] as number[])[a] as number) + n;
    (wins[a] as number[])[b] = ((wins[a] as number[])[b] as number) + c.winsA;
    (wins[b] as number[])[a] = ((wins[b] as number[])[a] as number) + c.winsB;
  }
  const winFractions = models.map((_, i) =>
    models.map((_, j) => {
      const decisive = (wins[i]?.[j] ?? 0) + (wins[j]?.[i] ?? 0);
      return decisive > 0 ? (wins[i]?.[j] ?? 0) / decisive : null;
    }),
  );
  const votes = cells.reduce((sum, c) => sum + c.winsA + c.winsB + c.ties + c.bothBad, 0);
  return { rows, models, battleCounts: counts, winFractions, positionBias: positionBias(cells), votes };
}
