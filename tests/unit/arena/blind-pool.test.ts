import { describe, expect, test } from "vitest";
import { MIN_MODELS_PER_PROMPT, poolExclusion, promptPlayback } from "@/lib/arena/blind-pool";

const clip = (modelId: string, durationMs = 5000, hasSoundRendition = false) => ({
  modelId,
  durationMs,
  hasSoundRendition,
});

describe("poolExclusion", () => {
  test("keeps a prompt with three models and more, refuses two or fewer with the count", () => {
    expect(MIN_MODELS_PER_PROMPT).toBe(3);
    expect(poolExclusion(null, [clip("a"), clip("b"), clip("c")])).toBeNull();
    expect(poolExclusion(null, [clip("a"), clip("b"), clip("b")])).toEqual({
      reason: "too_few_models",
      models: 2,
      needed: 3,
    });
    expect(poolExclusion(null, [])).toEqual({ reason: "too_few_models", models: 0, needed: 3 });
  });

  test("a published prompt is out of the pool whatever its clips", () => {
    expect(poolExclusion(new Date(), [clip("a"), clip("b"), clip("c")])).toEqual({ reason: "published" });
  });
});

describe("promptPlayback", () => {
  test("one length for the prompt: its shortest clip, whichever pair is drawn", () => {
    expect(promptPlayback([clip("a", 8000), clip("b", 5000), clip("c", 10_000)]).durationMs).toBe(5000);
  });

  test("an operator's delivery length, clamped to the clips' lengths as the renditions are", () => {
    const clips = [clip("a", 8000), clip("b", 5000), clip("c", 10_000)];
    expect(promptPlayback(clips, 7000).durationMs).toBe(7000);
    expect(promptPlayback(clips, 60_000).durationMs).toBe(10_000);
    expect(promptPlayback(clips, 1000).durationMs).toBe(5000);
  });

  test("sound only when every clip of the prompt has it", () => {
    expect(promptPlayback([clip("a", 1, true), clip("b", 1, true), clip("c", 1, true)]).withSound).toBe(true);
    expect(promptPlayback([clip("a", 1, true), clip("b", 1, true), clip("c", 1, false)]).withSound).toBe(false);
  });

  test("refuses an empty prompt", () => {
    expect(() => promptPlayback([])).toThrow();
  });
});
