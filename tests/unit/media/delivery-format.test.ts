import { describe, expect, it } from "vitest";
import {
  canvasOf,
  deliveryFormatOf,
  formatKeyOf,
  frameCountOf,
  frameRateOf,
  heldLastFrameMsOf,
} from "@/lib/media/delivery-format";

const clip = (width: number, height: number, frameRate: number | null, durationMs: number) => ({
  width,
  height,
  frameRate,
  durationMs,
});

describe("canvasOf", () => {
  it("takes the largest clip's size", () => {
    expect(canvasOf([clip(480, 832, 16, 5000), clip(1280, 720, 24, 8000), clip(240, 240, 8, 2000)])).toEqual({
      width: 1280,
      height: 720,
    });
  });

  it("caps at 1920×1080 (1080×1920 portrait), keeping the aspect ratio, on even sizes", () => {
    expect(canvasOf([clip(3840, 2160, 30, 1000)])).toEqual({ width: 1920, height: 1080 });
    expect(canvasOf([clip(1080, 2400, 30, 1000)])).toEqual({ width: 864, height: 1920 });
    expect(canvasOf([clip(2048, 2048, 30, 1000)])).toEqual({ width: 1080, height: 1080 });
    expect(canvasOf([clip(99, 71, 15, 1000)])).toEqual({ width: 100, height: 72 });
  });

  it("does not depend on the clips' order", () => {
    const clips = [clip(720, 480, 8, 6125), clip(1280, 720, 24, 8010), clip(720, 1280, 24, 5000)];
    expect(canvasOf(clips)).toEqual(canvasOf([...clips].reverse()));
  });

  it("refuses a prompt without clips", () => {
    expect(() => canvasOf([])).toThrow(RangeError);
  });
});

describe("frameRateOf", () => {
  it("takes the highest rate, at most 30", () => {
    expect(frameRateOf([clip(1, 1, 8, 1), clip(1, 1, 24, 1), clip(1, 1, 16, 1)])).toBe("24");
    expect(frameRateOf([clip(1, 1, 60, 1), clip(1, 1, 24, 1)])).toBe("30");
  });

  it("keeps NTSC rates exact and rounds others to whole frames per second", () => {
    expect(frameRateOf([clip(1, 1, 29.97, 1)])).toBe("30000/1001");
    expect(frameRateOf([clip(1, 1, 23.976, 1), clip(1, 1, 8, 1)])).toBe("24000/1001");
    expect(frameRateOf([clip(1, 1, 7.694, 1)])).toBe("8");
  });

  it("falls back to 24 when no rate was probed", () => {
    expect(frameRateOf([clip(1, 1, null, 1)])).toBe("24");
  });
});

describe("deliveryFormatOf", () => {
  const clips = [clip(1280, 720, 24, 8010), clip(720, 480, 8, 6125), clip(240, 240, 10, 3300)];

  it("defaults the length to the shortest clip's", () => {
    const format = deliveryFormatOf(clips);
    expect(format).toEqual({ width: 1280, height: 720, frameRate: "24", lengthMs: 3300 });
    expect(frameCountOf(format)).toBe(79);
    expect(formatKeyOf(format)).toBe("1280x720@24/3300ms");
    expect(heldLastFrameMsOf(3300, format)).toBe(0);
  });

  it("takes an operator's longer length, clamped to the longest clip; shorter clips hold their last frame", () => {
    const format = deliveryFormatOf(clips, 5000);
    expect(format.lengthMs).toBe(5000);
    expect(heldLastFrameMsOf(3300, format)).toBe(1700);
    expect(heldLastFrameMsOf(8010, format)).toBe(0);
    expect(deliveryFormatOf(clips, 60_000).lengthMs).toBe(8010);
    expect(deliveryFormatOf(clips, 600).lengthMs).toBe(3300);
  });

  it("counts frames from the exact rate", () => {
    expect(frameCountOf({ width: 2, height: 2, frameRate: "30000/1001", lengthMs: 5005 })).toBe(150);
    expect(frameCountOf({ width: 2, height: 2, frameRate: "8", lengthMs: 10 })).toBe(1);
  });
});
