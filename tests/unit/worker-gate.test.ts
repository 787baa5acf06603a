import { describe, expect, test } from "vitest";
import { Gate, GateFullError } from "@/lib/worker-pool";

describe("Gate", () => {
  test("runs at most `running` jobs, queues `waiting` more in order, refuses the rest at once", async () => {
    const gate = new Gate("test", 2, 1);
    const order: string[] = [];
    const release: (() => void)[] = [];
    const job = (name: string) =>
      gate.run(async () => {
        order.push(`start ${name}`);
        await new Promise<void>((resolve) => release.push(resolve));
        order.push(`end ${name}`);
      });
    const a = job("a");
    const b = job("b");
    const c = job("c");
    await expect(job("d")).rejects.toBeInstanceOf(GateFullError);
    await Promise.resolve();
    expect(order).toEqual(["start a", "start b"]);
    release.shift()!();
    await a;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["start a", "start b", "end a", "start c"]);
    release.shift()!();
    release.shift()!();
    await Promise.all([b, c]);
    // Every slot is free again: two run at once, one waits.
    const more = [job("e"), job("f"), job("g")];
    await new Promise((resolve) => setImmediate(resolve));
    expect(release).toHaveLength(2);
    while (release.length) release.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    while (release.length) release.shift()!();
    await Promise.all(more);
  });

  test("a slot left twice is freed once", async () => {
    const gate = new Gate("test", 1, 0);
    const leave = await gate.enter();
    leave();
    leave();
    const again = await gate.enter();
    await expect(gate.enter()).rejects.toBeInstanceOf(GateFullError);
    again();
  });
});
