import { listCategoriesCached } from "../catalog/categories";
import type { Db } from "../db/client";
import { parseQuery, respondPublicJson } from "../http/public-api";
import { getLatestSnapshot } from "./latest-snapshot";
import { selectLeaderboard } from "./leaderboard-view";
import { loadRangeView } from "./range-view";
import { leaderboardQuerySchema } from "./views";

/** GET /api/leaderboard's query: the same filters as the page. */
export const leaderboardApiQuerySchema = leaderboardQuerySchema;

/** Serialised answers kept per snapshot: every preset view, plus this many fitted date ranges. */
const MAX_SERIALISED = 500;
const serialised = new Map<string, string>();
let serialisedFor: string | null = null;

/** GET /api/leaderboard: the latest snapshot's view, serialised once per snapshot and query. */
export function handleLeaderboard(db: Db, request: Request): Promise<Response> {
  return respondPublicJson(request, async () => {
    const query = parseQuery(request, leaderboardApiQuerySchema);
    const snapshot = await getLatestSnapshot(db);
    const id = snapshot?.id ?? "none";
    if (serialisedFor !== id) {
      serialised.clear();
      serialisedFor = id;
    }
    const key = `${query.category}|${query.method}|${query.control}|${query.lang}|${query.mode}|${query.period}|${query.from ?? ""}|${query.to ?? ""}`;
    let body = serialised.get(key);
    if (body === undefined) {
      const categories = (await listCategoriesCached(db)).map((c) => c.slug);
      const range = await loadRangeView(db, snapshot, query, categories);
      body = JSON.stringify(selectLeaderboard(snapshot, query, categories, range));
      // Fitted ranges are kept per snapshot too, but only a bounded number of them.
      if ((!query.from && !query.to) || serialised.size < MAX_SERIALISED) serialised.set(key, body);
    }
    return { etag: `"${id}-${key.replaceAll("|", "-")}"`, body };
  });
}
