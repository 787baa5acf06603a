import { describe, expect, test } from "vitest";
import type { QpfileFrameType } from "@/lib/media/h264-frames";
import { FRAME_QP_ENCODES, type FrameTry, firstFrameQps, frameSizeMiss, nextFrameQps } from "@/lib/media/twin-frame-qps";

// The per-frame quantiser search of a check twin (issue 31). A model encoder stands in for x264:
// each frame's bytes fall exponentially with its quantiser, each at its own rate (grain is
// quantised away faster on some pictures than on others: 0.08–0.35 per step), and a P or B
// picture also grows when the picture it refers to is coded coarser (coupled frames).
describe("nextFrameQps", () => {
  const types: QpfileFrameType[] = ["I", "P", "B", "b", "b", "P", "B", "b", "b", "P", "b", "P"];
  const rate = types.map((_, i) => 0.08 + (0.27 * ((i * 7) % 12)) / 11);
  const base = types.map((type, i) => (type === "I" ? 90_000 : type === "P" ? 30_000 : 12_000) * (1 + (i % 3) / 2));
  const encode = (qps: readonly number[]) =>
    Uint32Array.from(qps, (qp, i) => {
      const reference = i === 0 ? qp : qps[i - 1]!;
      return Math.max(12, Math.round(base[i]! * Math.exp(-rate[i]! * (qp - 26)) * Math.exp(0.03 * (reference - qp))));
    });
  // A donor whose frames a twin can reach at quantisers 20–40, with sizes spread as a real clip's.
  const donorQps = types.map((_, i) => 20 + ((i * 5) % 21));
  const donor = encode(donorQps);
  const search = () => {
    const tries: FrameTry[] = [];
    for (let qps: number[] | null = firstFrameQps(types); qps; qps = nextFrameQps(tries, donor))
      tries.push({ qps, sizes: encode(qps) });
    return tries;
  };

  test("within FRAME_QP_ENCODES encodes every frame comes close to its donor's bytes", () => {
    const tries = search();
    expect(tries.length).toBeLessThanOrEqual(FRAME_QP_ENCODES);
    const misses = tries.map((t) => frameSizeMiss(t.sizes, donor));
    expect(misses[0]).toBeGreaterThan(0.5);
    expect(Math.min(...misses)).toBeLessThan(0.15);
  });

  test("keeps every quantiser an integer within H.264's 0–51, however far the target", () => {
    const far = Uint32Array.from(donor, (size, i) => (i % 2 ? size * 1000 : 1));
    const tries: FrameTry[] = [];
    for (let qps: number[] | null = firstFrameQps(types); qps; qps = nextFrameQps(tries, far)) {
      for (const qp of qps) expect(Number.isInteger(qp) && qp >= 0 && qp <= 51).toBe(true);
      tries.push({ qps, sizes: encode(qps) });
    }
  });

  test("a twin already spending its donor's bytes is encoded once; nothing is moved after the last encode", () => {
    const qps = firstFrameQps(types);
    expect(nextFrameQps([{ qps, sizes: encode(qps) }], encode(qps))).toBeNull();
    expect(frameSizeMiss(donor, donor)).toBe(0);
    const spent = Array.from({ length: FRAME_QP_ENCODES }, () => ({ qps, sizes: encode(qps) }));
    expect(nextFrameQps(spent, donor)).toBeNull();
  });

  test("the first encode's quantisers follow x264's I/P/B offsets", () => {
    expect(firstFrameQps(["I", "P", "B", "b", "i"])).toEqual([29, 32, 34, 34, 29]);
  });
});
