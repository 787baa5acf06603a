import type { z } from "zod";
import type { LoadedSnapshot } from "../leaderboard/latest-snapshot";
import { apiHandler } from "./api-handler";
import { notModified, PUBLIC_CORS, type PublicContext, parseQuery, publicJson } from "./public-api";

/**
 * A public GET answered from the latest leaderboard snapshot: the query is parsed with `schema`
 * (anything else is a 400), then `select(snapshot, query)` is served as cacheable JSON whose ETag
 * names the snapshot, the view and `keyOf(query)`; a request whose validators still hold gets a
 * 304 without the view being serialised.
 */
export function snapshotViewHandler<Schema extends z.ZodType>(
  view: string,
  schema: Schema,
  select: (snapshot: LoadedSnapshot | null, query: z.infer<Schema>) => unknown,
  keyOf: (query: z.infer<Schema>) => string = () => "",
) {
  return apiHandler({
    parse: (request) => parseQuery(request, schema),
    call: async ({ db, leaderboard }: PublicContext, query: z.infer<Schema>, _caller, request) => {
      const snapshot = await leaderboard.latestSnapshot(db);
      const key = keyOf(query);
      const etag = `"${snapshot?.id ?? "none"}-${view}${key ? `-${key}` : ""}"`;
      const lastModified = snapshot?.computedAt;
      const body = notModified(request, etag, lastModified) ? "" : JSON.stringify(select(snapshot, query));
      return publicJson(request, { etag, lastModified, body });
    },
    headers: PUBLIC_CORS,
  });
}
