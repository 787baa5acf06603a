import { describe, expect, it } from "vitest";
import { mapConcurrently } from "@/lib/media/map-concurrently";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapConcurrently", () => {
  it("keeps the items' order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10], 2, async (ms, i) => {
      running += 1;
      most = Math.max(most, running);
      await sleep(ms);
      running -= 1;
      return `${i}:${ms}`;
    });
    expect(results).toEqual(["0:30", "1:5", "2:20", "3:1", "4:10"]);
    expect(most).toBe(2);
  });

  it("starts nothing after a failure and rejects only once the running tasks have settled", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3], 2, async (i) => {
      started.push(i);
      if (i === 0) throw new Error("first fails");
      await sleep(50);
      finished.push(i);
    });
    await expect(run).rejects.toThrow("first fails");
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });

  it("resolves with nothing for no items", async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
