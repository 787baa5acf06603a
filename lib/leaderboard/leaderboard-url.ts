import { DEFAULT_CLUSTER } from "../ratings/cluster-resample";
import type { LeaderboardQuery } from "./leaderboard-query";

export type LeaderboardSort = "rating" | "votes" | "winRate" | "model" | "price" | "speed" | "cost";

/** Sorts that put the smallest first (a name A→Z, the cheapest or fastest model). */
export const ASCENDING_SORTS: readonly LeaderboardSort[] = ["model", "price", "speed", "cost"];

/** A /leaderboard URL for a query and sort, leaving defaults out so URLs stay short and shareable. */
export function leaderboardUrl(query: LeaderboardQuery, sort: LeaderboardSort = "rating"): string {
  const params = new URLSearchParams();
  if (query.category !== "overall") params.set("category", query.category);
  if (query.method !== "bt") params.set("method", query.method);
  if (query.cluster !== DEFAULT_CLUSTER) params.set("cluster", query.cluster);
  if (query.control !== "none") params.set("control", query.control);
  // `lang` on a page URL is the UI language, so the prompt-language filter travels as promptLang.
  if (query.lang) params.set("promptLang", query.lang);
  if (query.mode) params.set("mode", query.mode);
  if (query.period !== "all") params.set("period", query.period);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.exclude) params.set("exclude", query.exclude);
  if (query.votesFrom !== "both") params.set("votesFrom", query.votesFrom);
  if (sort !== "rating") params.set("sort", sort);
  const text = params.toString();
  return text ? `/leaderboard?${text}` : "/leaderboard";
}
