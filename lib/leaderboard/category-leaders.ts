import type { LoadedSnapshot } from "./latest-snapshot";
import { selectLeaderboard, type LeaderboardResponse } from "./leaderboard-response";
import { DEFAULT_CLUSTER } from "../ratings/cluster-resample";

type LeaderRow = LeaderboardResponse["rows"][number];

/** The top of one connected comparison group: ratings and ranks compare only inside it. */
export interface LeaderGroup {
  /** 0 is the largest group; see leaderboardRowSchema.group. */
  group: number;
  rows: LeaderRow[];
}

/** The top of one category's leaderboard, one list per connected comparison group. */
export interface CategoryLeaders {
  category: string;
  votes: number;
  groups: LeaderGroup[];
}

/** Rows by group (largest first), each group's first `top`: established first, then by rank (UB), then rating. */
function topOfEachGroup(rows: LeaderRow[], top: number): LeaderGroup[] {
  const byGroup = new Map<number, LeaderRow[]>();
  for (const row of rows) byGroup.set(row.group, [...(byGroup.get(row.group) ?? []), row]);
  return [...byGroup.entries()]
    .sort(([a], [b]) => a - b)
    .map(([group, members]) => ({
      group,
      rows: [...members]
        .sort((a, b) => Number(a.provisional) - Number(b.provisional) || a.rank - b.rank || b.rating - a.rating)
        .slice(0, top),
    }));
}

/**
 * The first `top` models of each connected comparison group of the overall view and of each
 * category's view (Bradley-Terry, every language and mode, all dates), from one snapshot: rating,
 * 95% bootstrap interval (a null side is open), rank (UB) within the group. Categories with no
 * votes are left out; an empty list when nothing is computed yet.
 */
export function selectCategoryLeaders(snapshot: LoadedSnapshot | null, top = 3): CategoryLeaders[] {
  if (!snapshot) return [];
  const categories = snapshot.data.categories;
  return ["overall", ...categories].flatMap((category) => {
    const view = selectLeaderboard(
      snapshot,
      {
        category,
        method: "bt",
        cluster: DEFAULT_CLUSTER,
        control: "none",
        lang: "",
        mode: "",
        period: "all",
        exclude: "",
        votesFrom: "both",
      },
      categories,
    );
    return view.rows.length > 0 ? [{ category, votes: view.votes, groups: topOfEachGroup(view.rows, top) }] : [];
  });
}
