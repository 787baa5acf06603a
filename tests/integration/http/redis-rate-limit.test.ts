import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toErrorResponse } from "@/lib/http/errors";
import { consumeRateLimit, createRateLimiter, createRateLimitStore, rateLimitStoreReady } from "@/lib/rate-limit";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const REQUIRED = process.env.CI === "true";

async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const reachable = await redisReachable();
if (!reachable && !REQUIRED) console.warn(`Redis not reachable at ${REDIS_URL}: skipping the shared rate-limit test`);

describe.skipIf(!reachable && !REQUIRED)("rate limits in Redis", () => {
  const name = `test-${randomBytes(4).toString("hex")}`;
  let cleanup: Redis;
  // Two connections, as two app instances would each hold one.
  const stores: Redis[] = [];
  beforeAll(() => {
    cleanup = new Redis(REDIS_URL);
    stores.push(createRateLimitStore(REDIS_URL), createRateLimitStore(REDIS_URL));
  });
  afterAll(async () => {
    const keys = await cleanup.keys(`clip-arena:${name}*`);
    if (keys.length) await cleanup.del(...keys);
    cleanup.disconnect();
    for (const store of stores) store.disconnect();
  });

  test("two limiters (as two app instances) share one budget and answer 429 with Retry-After", async () => {
    const instanceA = createRateLimiter(name, { points: 3, durationS: 60 }, stores[0]);
    const instanceB = createRateLimiter(name, { points: 3, durationS: 60 }, stores[1]);
    await Promise.all(stores.map(rateLimitStoreReady));
    await consumeRateLimit(instanceA, "voter-1");
    await consumeRateLimit(instanceB, "voter-1");
    await consumeRateLimit(instanceA, "voter-1");
    const rejected = await consumeRateLimit(instanceB, "voter-1").then(
      () => null,
      (error: unknown) => error,
    );
    // The HTTP layer's one error mapper answers the limiter's refusal 429 with Retry-After.
    const answer = toErrorResponse(rejected);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    await consumeRateLimit(instanceA, "voter-2"); // another key has its own budget
  });
});
