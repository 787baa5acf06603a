import type { z } from "zod";

/** Headers of the public read API: anyone may call it from a browser, and caches may keep it briefly. */
export const PUBLIC_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=5, stale-while-revalidate=30",
};

/**
 * Parses a query string against a schema (repeated keys: the last wins; empty values count as
 * absent, which is what an HTML form sends for a field left blank); 400 with the field on failure.
 */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const result = schema.safeParse(params);
  if (!result.success) throw result.error;
  return result.data;
}

/** The header the public read API adds to every answer, errors included: any site may read it. */
export const PUBLIC_CORS = { "Access-Control-Allow-Origin": "*" };

/**
 * A cacheable JSON answer: 304 when If-None-Match holds the ETag, else the body. Callers pass the
 * serialised body so they can reuse a serialisation.
 */
export function publicJson(request: Request, { etag, body }: { etag: string; body: string }): Response {
  const headers = { ...PUBLIC_HEADERS, ETag: etag, "Content-Type": "application/json" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
