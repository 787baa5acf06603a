import { describe, expect, test } from "vitest";
import { GroupCommit } from "@/lib/db/group-commit";

/** A group writer that records each call and doubles numbers, refusing negative ones. */
function doubler() {
  const calls: number[][] = [];
  const group = new GroupCommit<number, number>((items) => {
    calls.push(items);
    if (items.some((item) => item < 0)) return Promise.reject(new Error("negative"));
    return Promise.resolve(items.map((item) => item * 2));
  }, 3);
  return { calls, group };
}

describe("group commit", () => {
  test("items submitted in one turn are written together, each settling with its own result", async () => {
    const { calls, group } = doubler();
    expect(await Promise.all([1, 2, 3].map((n) => group.submit(n)))).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  test("a turn's items are split into groups of at most maxGroup, and later turns form new groups", async () => {
    const { calls, group } = doubler();
    const first = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    expect(await Promise.all(first)).toEqual([2, 4, 6, 8, 10]);
    expect(await group.submit(6)).toBe(12);
    expect(calls).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  test("when a group fails, each item is written alone and only the bad one fails", async () => {
    const { calls, group } = doubler();
    const results = await Promise.allSettled([1, -1, 3].map((n) => group.submit(n)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      2,
      "negative",
      6,
    ]);
    expect(calls).toEqual([[1, -1, 3], [1], [-1], [3]]);
  });
});
