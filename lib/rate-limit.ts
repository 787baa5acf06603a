import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimitPolicy {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationS: number;
}

/**
 * A connection to the Redis at `url` for rate limits (ioredis). No offline queue: when Redis is
 * down, calls fail at once and each limiter's in-memory insurance limiter answers. The process's
 * one connection is held by the composition root (lib/http/app-context.ts).
 */
export function createRateLimitStore(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}

/**
 * Resolves once `store` is connected (at once without a store). Until then, and whenever Redis is
 * unreachable, each limiter counts in memory on its own.
 */
export function rateLimitStoreReady(store: Redis | undefined): Promise<void> {
  if (!store || store.status === "ready") return Promise.resolve();
  return new Promise((resolve) => store.once("ready", () => resolve()));
}

/**
 * A limiter kept in memory (one process), or in Redis when a store is given so that several app
 * instances share the counts. With Redis, an in-memory limiter stands in while Redis is unreachable.
 */
export function createRateLimiter(name: string, policy: RateLimitPolicy, store?: Redis): RateLimiterAbstract {
  const options = { keyPrefix: `clip-arena:${name}`, points: policy.points, duration: policy.durationS };
  if (!store) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: store,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/**
 * Seconds to wait (at least 1) when `error` is a limiter's refusal (rate-limiter-flexible rejects
 * with a RateLimiterRes), else null. Checked by shape: the Next.js bundle and `npm start`'s direct
 * routes each load their own copy of the library, so `instanceof` fails across them.
 */
export function rateLimitRetryAfterS(error: unknown): number | null {
  if (error instanceof Error || typeof error !== "object" || error === null) return null;
  const { msBeforeNext, remainingPoints } = error as { msBeforeNext?: unknown; remainingPoints?: unknown };
  if (typeof msBeforeNext !== "number" || typeof remainingPoints !== "number") return null;
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/**
 * Takes one request from a key's budget. When it is spent the limiter's refusal propagates as it
 * is: the HTTP layer answers it 429 with Retry-After (rateLimitRetryAfterS, lib/http/errors.ts),
 * and sign-in recognises it the same way; this module chooses no HTTP status.
 */
export async function consumeRateLimit(limiter: RateLimiterAbstract, key: string): Promise<void> {
  await limiter.consume(key);
}
