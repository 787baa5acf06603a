import { listCategoriesCached } from "./app-context";
import type { Db } from "../db/client";
import { apiHandler } from "./api-handler";
import { PUBLIC_CORS, parseQuery, publicJson } from "./public-api";
import { getLatestSnapshot } from "../leaderboard/latest-snapshot";
import { readLeaderboard } from "../leaderboard/read-leaderboard";
import { leaderboardQuerySchema } from "../leaderboard/leaderboard-query";
import { processShared } from "../process-shared";

/** GET /api/leaderboard's query: the same filters as the page. */
export const leaderboardApiQuerySchema = leaderboardQuerySchema;

/** Serialised answers kept per snapshot: every preset view, plus this many fitted date ranges. */
const MAX_SERIALISED = 500;
const state = processShared("leaderboard-api-bodies", () => ({
  serialised: new Map<string, string>(),
  serialisedFor: null as string | null,
}));

/** GET /api/leaderboard: the latest snapshot's view, serialised once per snapshot and query. */
export const handleLeaderboard = apiHandler({
  parse: (request) => parseQuery(request, leaderboardApiQuerySchema),
  call: async (db: Db, query, _caller, request) => {
    const snapshot = await getLatestSnapshot(db);
    const id = snapshot?.id ?? "none";
    const { serialised } = state;
    if (state.serialisedFor !== id) {
      serialised.clear();
      state.serialisedFor = id;
    }
    const key = `${query.category}|${query.method}|${query.control}|${query.lang}|${query.mode}|${query.period}|${query.from ?? ""}|${query.to ?? ""}`;
    let body = serialised.get(key);
    if (body === undefined) {
      const categories = (await listCategoriesCached(db)).map((c) => c.slug);
      body = JSON.stringify((await readLeaderboard(db, query, categories)).board);
      // Fitted ranges are kept per snapshot too, but only a bounded number of them.
      if ((!query.from && !query.to) || serialised.size < MAX_SERIALISED) serialised.set(key, body);
    }
    return publicJson(request, { etag: `"${id}-${key.replaceAll("|", "-")}"`, body });
  },
  headers: PUBLIC_CORS,
});
