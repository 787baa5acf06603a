import { describe, expect, test } from "vitest";
import { sizeDonorOf } from "@/lib/media/check-twins";

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
