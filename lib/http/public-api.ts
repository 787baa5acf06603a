import type { z } from "zod";
import type { CategoryCache } from "../catalog/categories";
import type { Db } from "../db/client";
import type { LeaderboardCache } from "../leaderboard/leaderboard-cache";

/**
 * What the public read endpoints (leaderboard, failures, models, categories) are given: the
 * database and the process's caches over it (built by the composition root, app-context.ts).
 */
export interface PublicContext {
  db: Db;
  /** The held snapshot, fitted date ranges and serialised answers. */
  leaderboard: LeaderboardCache;
  categories: CategoryCache;
  /**
   * Takes one new date-range fit from a client address's allowance (RATE_LIMIT_RANGE_FITS_PER_MINUTE),
   * or throws 429 rate_limited with Retry-After.
   */
  admitRangeFit: (address: string) => Promise<void>;
}

/**
 * Headers of the public read API: anyone may call it from a browser; browsers keep an answer 5 s,
 * a shared cache (a CDN) 15 s, and either may serve it up to 60 s stale while it revalidates
 * (RFC 5861) — these answers change only when a leaderboard snapshot or the catalogue does.
 */
export const PUBLIC_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=5, s-maxage=15, stale-while-revalidate=60",
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

/** The entity tags of an If-None-Match header (RFC 9110 §8.8.3), opaque parts with any W/ removed. */
function listedTags(header: string): string[] {
  return [...header.matchAll(/(?:W\/)?("[^"]*")/g)].map((match) => match[1] as string);
}

/**
 * Whether a conditional GET's validators still hold, so the answer is a 304 (RFC 9110 §13.1.2 and
 * §13.2.2): If-None-Match by the weak comparison, holding for `*` or for any tag of its list; only
 * when it is absent, If-Modified-Since, at second precision.
 */
export function notModified(request: Request, etag: string, lastModified?: Date): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    const opaque = etag.replace(/^W\//, "");
    return listedTags(ifNoneMatch).includes(opaque);
  }
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  return (
    lastModified !== undefined && !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
  );
}

/**
 * A cacheable JSON answer with its validators (ETag, and Last-Modified when given): 304 without a
 * body when the request's validators still hold (notModified), else the body. Callers pass the
 * serialised body so they can reuse a serialisation.
 */
export function publicJson(
  request: Request,
  { etag, body, lastModified }: { etag: string; body: string; lastModified?: Date },
): Response {
  const headers: Record<string, string> = { ...PUBLIC_HEADERS, ETag: etag, "Content-Type": "application/json" };
  if (lastModified) headers["Last-Modified"] = lastModified.toUTCString();
  if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
