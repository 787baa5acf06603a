import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SQLITE_LOCK_WAIT_MS } from "@/lib/db/sqlite-transaction-gate";
import { toErrorResponse } from "@/lib/http/errors";
import { createTestDatabase, type TestDatabase } from "../engines";

/** Another process's connection (a CLI, a backup) holding SQLite's write lock, as better-sqlite3 gives it. */
function holdWriteLock(url: string): () => void {
  const other = new Database(url.slice("file:".length));
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

/** Counts how often a 10 ms timer fires while `run` is pending: zero means the event loop was held. */
async function timerTicksDuring<T>(run: Promise<T>): Promise<{ ticks: number; result: PromiseSettledResult<T> }> {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 10);
  const [result] = await Promise.allSettled([run]);
  clearInterval(timer);
  return { ticks, result };
}

describe("SQLite with the write lock held elsewhere", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(() => t.drop());

  test("reads go on at once (WAL)", async () => {
    const release = holdWriteLock(t.url);
    try {
      expect(await t.db.voterSession.count()).toBe(0);
    } finally {
      release();
    }
  });

  test("a write waits for the lock with timers, leaving the event loop free, and succeeds once it is released", async () => {
    const release = holdWriteLock(t.url);
    setTimeout(release, 1_000);
    const { ticks, result } = await timerTicksDuring(t.db.voterSession.create({ data: { id: "waited" } }));
    expect(result.status).toBe("fulfilled");
    // A busy wait inside SQLite (the old 10 s busy timeout) would have let no timer fire for the whole second.
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(await t.db.voterSession.count({ where: { id: "waited" } })).toBe(1);
  });

  test("a write inside a transaction waits for the lock too", async () => {
    const release = holdWriteLock(t.url);
    setTimeout(release, 500);
    await t.db.$transaction([t.db.voterSession.create({ data: { id: "in-transaction" } })]);
    expect(await t.db.voterSession.count({ where: { id: "in-transaction" } })).toBe(1);
  });

  test(
    "a write that cannot get the lock in time fails as the database being unavailable: 503 with Retry-After",
    { timeout: SQLITE_LOCK_WAIT_MS + 20_000 },
    async () => {
      const release = holdWriteLock(t.url);
      try {
        const { ticks, result } = await timerTicksDuring(t.db.voterSession.create({ data: { id: "refused" } }));
        expect(result.status).toBe("rejected");
        expect(ticks).toBeGreaterThanOrEqual(3);
        const response = toErrorResponse((result as PromiseRejectedResult).reason);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      } finally {
        release();
      }
      expect(await t.db.voterSession.count({ where: { id: "refused" } })).toBe(0);
    },
  );
});
