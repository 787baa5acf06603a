import { describe, expect, test } from "vitest";
import { PerSnapshotMap } from "@/lib/leaderboard/leaderboard-cache";

describe("PerSnapshotMap", () => {
  test("keeps values while the same snapshot is asked for, and empties when another one is", () => {
    const bodies = new PerSnapshotMap<string>();
    bodies.for("s1").set("overall", "a");
    expect(bodies.for("s1").get("overall")).toBe("a");
    expect(bodies.for("s2").size).toBe(0);
    bodies.for("s2").set("overall", "b");
    // Going back to an older id empties too: only the last snapshot asked for is held.
    expect(bodies.for("s1").has("overall")).toBe(false);
  });

  test("two maps do not share values (each LeaderboardCache, so each test fixture, has its own)", () => {
    const first = new PerSnapshotMap<number>();
    const second = new PerSnapshotMap<number>();
    first.for("s1").set("k", 1);
    expect(second.for("s1").has("k")).toBe(false);
  });
});
