import { describe, expect, test } from "vitest";
import { type ServedBattle, ServedBattles } from "@/lib/arena/served-battles";

const battle = (n: number): ServedBattle => ({
  kind: "anonymous",
  promptId: `p${n}`,
  voterSessionId: `v${n}`,
  servedAt: new Date(n * 1000),
  expiresAt: new Date(n * 1000 + 3_600_000),
  leftClipId: `l${n}`,
  rightClipId: `r${n}`,
  checkTwinSide: null,
  size: 2,
  clipCId: null,
  clipDId: null,
});

describe("ServedBattles", () => {
  test("keeps battles until they are forgotten", () => {
    const served = new ServedBattles(10);
    served.remember("a", battle(1));
    expect(served.get("a")).toEqual(battle(1));
    served.forget("a");
    expect(served.get("a")).toBeUndefined();
    served.forget("never-served");
  });

  test("at capacity the oldest battle goes first, and only it", () => {
    const served = new ServedBattles(3);
    for (const [i, id] of ["a", "b", "c", "d"].entries()) served.remember(id, battle(i));
    expect(served.get("a")).toBeUndefined();
    expect(["b", "c", "d"].map((id) => served.get(id)?.promptId)).toEqual(["p1", "p2", "p3"]);
    served.remember("e", battle(4));
    expect(served.get("b")).toBeUndefined();
    expect(served.get("e")?.promptId).toBe("p4");
  });

  test("a forgotten battle frees its place: nothing else is pushed out", () => {
    const served = new ServedBattles(2);
    served.remember("a", battle(1));
    served.remember("b", battle(2));
    served.forget("a");
    served.remember("c", battle(3));
    expect(served.get("b")?.promptId).toBe("p2");
    expect(served.get("c")?.promptId).toBe("p3");
  });
});
