import { describe, expect, test } from "vitest";
import { MAX_ENCODES, type TwinKnobs, type TwinTry, nextTwinKnobs, sizeDonorOf, twinSizeMiss } from "@/lib/media/check-twins";

// The size donor of a check twin (issue 31): another clip of the prompt, stable as the prompt's
// clips change (rendezvous hashing), the clip itself only when it is alone.
describe("sizeDonorOf", () => {
  const clips = Array.from({ length: 12 }, (_, i) => ({ id: `clip-${i}` }));

  test("is another clip of the prompt, the same on every call; null for a clip alone", () => {
    for (const clip of clips) {
      const donor = sizeDonorOf(clip.id, clips);
      expect(donor).not.toBeNull();
      expect(donor!.id).not.toBe(clip.id);
      expect(sizeDonorOf(clip.id, [...clips].reverse())).toBe(donor);
    }
    expect(sizeDonorOf("clip-0", [clips[0]!])).toBeNull();
    expect(sizeDonorOf("clip-0", [])).toBeNull();
  });

  test("a clip added to the prompt becomes the donor of few clips; a retired one frees only its own", () => {
    const before = new Map(clips.map((c) => [c.id, sizeDonorOf(c.id, clips)!.id]));
    const added = [...clips, { id: "clip-new" }];
    const changed = clips.filter((c) => sizeDonorOf(c.id, added)!.id !== before.get(c.id));
    // Each clip moves only to the new one, and about 1 in 12 does (here at most a third).
    for (const c of changed) expect(sizeDonorOf(c.id, added)!.id).toBe("clip-new");
    expect(changed.length).toBeLessThanOrEqual(4);
    const retired = clips.filter((c) => c.id !== "clip-3");
    for (const c of retired)
      if (before.get(c.id) !== "clip-3") expect(sizeDonorOf(c.id, retired)!.id).toBe(before.get(c.id));
  });

  test("the donors spread over the prompt's clips rather than piling on one", () => {
    const counts = new Map<string, number>();
    for (const c of clips) counts.set(sizeDonorOf(c.id, clips)!.id, (counts.get(sizeDonorOf(c.id, clips)!.id) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(4);
  });
});

// The twin's encode search (issue 31, NAL level): a model encoder stands in for x264, its bytes
// halving every +6 of rate factor or quantiser, a keyframe's bits following the I/P ratio, and a
// held picture costing ~100 bytes until grain is laid over it.
describe("nextTwinKnobs", () => {
  const FRAMES = 48;
  const keyframes = [0, 24];
  const donor = {
    sizes: Uint32Array.from({ length: FRAMES }, (_, i) => (i === 0 ? 60_000 : i === 24 ? 50_000 : i % 3 === 0 ? 9_000 : 2_500)),
    keyframes,
  };
  const halving = (steps: number) => 2 ** (-steps / 6);
  const encode = (k: TwinKnobs, heldBytes = 100) =>
    Uint32Array.from({ length: FRAMES }, (_, i) => {
      const rate = halving(k.crf - 20);
      if (i === 0) return Math.round(140_000 * halving((k.firstKeyframeQp ?? 17) - 17));
      if (i === 24) return Math.round(90_000 * rate * ((k.ipratio ?? 1.4) / 1.4));
      return Math.round((heldBytes + 900 * k.grain) * rate * (i % 3 === 0 ? 2 : 1));
    });
  const search = (heldBytes?: number) => {
    const tries: TwinTry[] = [];
    for (let k: TwinKnobs | null = { crf: 20, grain: 0, firstKeyframeQp: null, ipratio: null }; k; k = nextTwinKnobs(tries, donor))
      tries.push({ knobs: k, sizes: encode(k, heldBytes) });
    return tries;
  };

  test("a held picture gets grain, and within MAX_ENCODES every part of the twin spends its donor's bytes", () => {
    const tries = search();
    expect(tries.length).toBeLessThanOrEqual(MAX_ENCODES);
    expect(twinSizeMiss(tries[0]!.sizes, donor)).toBeGreaterThan(2);
    const last = tries[tries.length - 1]!;
    expect(last.knobs.grain).toBeGreaterThan(0);
    expect(twinSizeMiss(last.sizes, donor)).toBeLessThan(0.2);
    // No sample stays a held picture's few dozen bytes.
    expect(Math.min(...last.sizes)).toBeGreaterThan(Math.min(...donor.sizes) / 2);
  });

  test("a twin already spending its donor's bytes is encoded once", () => {
    const exact: TwinTry = { knobs: { crf: 20, grain: 0, firstKeyframeQp: null, ipratio: null }, sizes: donor.sizes };
    expect(nextTwinKnobs([exact], donor)).toBeNull();
    expect(twinSizeMiss(donor.sizes, donor)).toBe(0);
  });

  test("a twin too large everywhere is coded coarser, without grain", () => {
    const tries = search(20_000);
    const last = tries[tries.length - 1]!;
    expect(last.knobs.grain).toBe(0);
    expect(last.knobs.crf).toBeGreaterThan(20);
    expect(twinSizeMiss(last.sizes, donor)).toBeLessThan(twinSizeMiss(tries[0]!.sizes, donor));
  });
});
