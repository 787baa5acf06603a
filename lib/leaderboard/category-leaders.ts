import type { LoadedSnapshot } from "./latest-snapshot";
import { selectLeaderboard, type LeaderboardResponse } from "./leaderboard-response";

/** The top of one category's leaderboard. */
export interface CategoryLeaders {
  category: string;
  votes: number;
  rows: LeaderboardResponse["rows"];
}

/**
 * The first `top` models of the overall view and of each category's view (Bradley-Terry, every
 * language and mode, all dates), from one snapshot: rating, 95% bootstrap interval, rank (UB).
 * Categories with no votes are left out; an empty list when nothing is computed yet.
 */
export function selectCategoryLeaders(snapshot: LoadedSnapshot | null, top = 3): CategoryLeaders[] {
  if (!snapshot) return [];
  const categories = snapshot.data.categories;
  return ["overall", ...categories].flatMap((category) => {
    const view = selectLeaderboard(
      snapshot,
      { category, method: "bt", control: "none", lang: "", mode: "", period: "all" },
      categories,
    );
    return view.rows.length > 0 ? [{ category, votes: view.votes, rows: view.rows.slice(0, top) }] : [];
  });
}
