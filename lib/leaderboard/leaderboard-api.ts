import { z } from "zod";
import { listCategoriesCached } from "../catalog/categories";
import type { Db } from "../db/client";
import { ApiError } from "../http/errors";
import { parseQuery, respondPublicJson } from "../http/public-api";
import { getLatestSnapshot } from "./latest-snapshot";
import { selectLeaderboard } from "./leaderboard-view";
import { leaderboardQuerySchema } from "./views";

/** GET /api/leaderboard's query: the view filters; from/to are recognised but not offered yet. */
export const leaderboardApiQuerySchema = leaderboardQuerySchema.extend({
  from: z.string().optional(),
  to: z.string().optional(),
});

const serialised = new Map<string, string>();
let serialisedFor: string | null = null;

/** GET /api/leaderboard: the latest snapshot's view, serialised once per snapshot and query. */
export function handleLeaderboard(db: Db, request: Request): Promise<Response> {
  return respondPublicJson(request, async () => {
    const query = parseQuery(request, leaderboardApiQuerySchema);
    if (query.from || query.to) {
      throw new ApiError(
        400,
        "unsupported_filter",
        "Date ranges are not published yet; download the votes from /data to filter by date.",
      );
    }
    const snapshot = await getLatestSnapshot(db);
    const id = snapshot?.id ?? "none";
    if (serialisedFor !== id) {
      serialised.clear();
      serialisedFor = id;
    }
    const key = `${query.category}|${query.method}|${query.lang}|${query.mode}|${query.period}`;
    let body = serialised.get(key);
    if (body === undefined) {
      const categories = (await listCategoriesCached(db)).map((c) => c.slug);
      body = JSON.stringify(selectLeaderboard(snapshot, query, categories));
      serialised.set(key, body);
    }
    return { etag: `"${id}-${key.replaceAll("|", "-")}"`, body };
  });
}
