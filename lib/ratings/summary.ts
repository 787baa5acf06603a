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

/** Rank (UB) within the row's group: an open bound is never above or below anything. */
function rankUpperBound(row: LeaderboardRow, rows: readonly LeaderboardRow[]): number {
  if (row.ciHigh === null) return 1;
  const high = row.ciHigh;
  return 1 + rows.filter((other) => other.group === row.group && other.ciLow !== null && other.ciLow > high).length;
}

/**
 * The parts of a result both methods share: rows with tallies and rank (UB) from the intervals,
 * by group then rating; battle-count and win-fraction matrices in that order; position bias.
 */
export function summarise(
  cells: readonly PairCell[],
  ratings: Map<string, RatingInterval>,
): Pick<RatingsResult, "rows" | "models" | "battleCounts" | "winFractions" | "positionBias" | "votes"> {
  const tallies = tallyModels(cells);
  const rows: LeaderboardRow[] = [...ratings].map(([model, r]) => {
    const t = tallies.get(model) ?? { votes: 0, wins: 0, losses: 0, ties: 0 };
    return { model, ...r, rank: 0, ...t, winRate: t.votes > 0 ? (t.wins + t.ties / 2) / t.votes : 0 };
  });
  rows.sort((a, b) => a.group - b.group || b.rating - a.rating || a.model.localeCompare(b.model));
  for (const row of rows) row.rank = rankUpperBound(row, rows);

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
