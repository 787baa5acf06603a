import { clientAddress } from "./request-info";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";
import { readLeaderboard } from "../leaderboard/read-leaderboard";
import { isFittedOnRequest, leaderboardQuerySchema, queryKey } from "../leaderboard/leaderboard-query";

/** GET /api/leaderboard's query: the same filters as the page. */
export const leaderboardApiQuerySchema = leaderboardQuerySchema;

/** Serialised answers kept per snapshot: every preset view, plus this many fitted date ranges. */
const MAX_SERIALISED = 500;

/**
 * GET /api/leaderboard: the latest snapshot's view, serialised once per snapshot and query, with
 * the snapshot as validators (ETag per snapshot and query, Last-Modified when it was computed).
 * A view fitted on request (a date range or an exclusion) not yet fitted for this snapshot counts against the client address's range-fit
 * limit (RATE_LIMIT_RANGE_FITS_PER_MINUTE): beyond it, 429 `rate_limited` with Retry-After.
 */
export const handleLeaderboard = apiHandler({
  parse: (request) => parseQuery(request, leaderboardApiQuerySchema),
  call: async (
    { db, leaderboard: cache, categories: categoryCache, admitRangeFit }: PublicContext,
    query,
    _caller,
    request,
  ) => {
    const snapshot = await cache.latestSnapshot(db);
    const id = snapshot?.id ?? "none";
    const serialised = cache.apiBodies.for(id);
    const key = queryKey(query);
    const validators = { etag: `"${id}-${key.replaceAll("|", "-")}"`, lastModified: snapshot?.computedAt };
    // A cache revalidating what it holds costs no read and no serialisation.
    if (notModified(request, validators.etag, validators.lastModified))
      return publicJson(request, { ...validators, body: "" });
    let body = serialised.get(key);
    if (body === undefined) {
      const categories = (await categoryCache.list(db)).map((c) => c.slug);
      const read = await readLeaderboard(cache, db, query, categories, () => admitRangeFit(clientAddress(request)));
      body = JSON.stringify(read.board);
      // Views fitted on request are kept per snapshot too, but only a bounded number of them.
      if (!isFittedOnRequest(query) || serialised.size < MAX_SERIALISED) serialised.set(key, body);
    }
    return publicJson(request, { ...validators, body });
  },
  headers: PUBLIC_CORS,
});
