import { expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { handleHealth } from "@/lib/http/health-api";

/** A database stand-in that counts its `SELECT 1`s and fails them while `down` is set (an error the mapper does not know: a 500). */
function countingDb() {
  const state = { queries: 0, down: false };
  const db = {
    $queryRawUnsafe: () => {
      state.queries += 1;
      return state.down ? Promise.reject(new Error("connect ECONNREFUSED")) : Promise.resolve([{ 1: 1 }]);
    },
  } as unknown as Db;
  return { db, state };
}

test("health requests that arrive in one turn share one SELECT 1", async () => {
  const { db, state } = countingDb();
  const answers = await Promise.all([handleHealth(db), handleHealth(db), handleHealth(db)]);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  expect(state.queries).toBe(1);
});

test("a request that arrives after the check started gets a check of its own", async () => {
  const { db, state } = countingDb();
  const first = handleHealth(db);
  // The shared check starts in the check phase; this request comes after it.
  await new Promise((resolve) => setImmediate(resolve));
  state.down = true;
  const second = handleHealth(db);
  expect((await first).status).toBe(200);
  expect((await second).status).not.toBe(200);
  expect(state.queries).toBe(2);
});
