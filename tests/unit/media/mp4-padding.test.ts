import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  derivePadding,
  MIN_PADDING_BYTES,
  PADDING_SPREAD_BYTES,
  paddingBytes,
  planPaddedRead,
} from "@/lib/media/mp4-padding";
import { seededRandom } from "@/lib/random";

const SECRET = "unit-test-secret-0123456789abcdef";

/** The whole padded file, assembled the simple way, as the reference every range must match. */
function wholePadded(file: Uint8Array, token: string): Buffer {
  const spec = derivePadding(SECRET, token);
  const out = Buffer.alloc(file.length + spec.boxLength);
  out.set(file);
  out.set(paddingBytes(spec, { start: 0, end: spec.boxLength - 1 }), file.length);
  return out;
}

/** Reads a range the way the server does: plan, then file bytes, then padding bytes. */
function readRange(file: Uint8Array, token: string, start: number, end: number): Uint8Array {
  const spec = derivePadding(SECRET, token);
  const plan = planPaddedRead(file.length, spec.boxLength, { start, end });
  const parts = [
    plan.file ? file.subarray(plan.file.start, plan.file.end + 1) : new Uint8Array(),
    plan.padding ? paddingBytes(spec, plan.padding) : new Uint8Array(),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

describe("MP4 padding", () => {
  test("the box is a well-formed top-level free box of the derived length", () => {
    const spec = derivePadding(SECRET, "battle:t1:a");
    expect(spec.boxLength).toBeGreaterThanOrEqual(8 + MIN_PADDING_BYTES);
    expect(spec.boxLength).toBeLessThan(8 + MIN_PADDING_BYTES + PADDING_SPREAD_BYTES);
    const box = Buffer.from(paddingBytes(spec, { start: 0, end: spec.boxLength - 1 }));
    expect(box.readUInt32BE(0)).toBe(spec.boxLength);
    expect(box.toString("latin1", 4, 8)).toBe("free");
  });

  test("same token, same bytes; different tokens, different sizes and hashes", () => {
    const file = new Uint8Array(5000).map((_, i) => i % 251);
    const hash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    expect(hash(wholePadded(file, "battle:x:a"))).toBe(hash(wholePadded(file, "battle:x:a")));
    const sizes = new Set<number>();
    const hashes = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const padded = wholePadded(file, `battle:token-${i}:a`);
      sizes.add(padded.length);
      hashes.add(hash(padded));
    }
    expect(hashes.size).toBe(200);
    // 200 draws from 65,536 lengths: a repeat is possible (p ≈ 0.26) but never more than a few.
    expect(sizes.size).toBeGreaterThanOrEqual(196);
  });

  test("equal lengths still differ in content (the payload is a per-URL keystream)", () => {
    const a = derivePadding(SECRET, "a");
    const b = { ...derivePadding(SECRET, "b"), boxLength: a.boxLength };
    const range = { start: 0, end: a.boxLength - 1 };
    expect(Buffer.from(paddingBytes(a, range)).equals(Buffer.from(paddingBytes(b, range)))).toBe(false);
  });

  test("any range of the padded file equals the same slice of the whole padded file", () => {
    const random = seededRandom(11);
    for (const size of [1, 15, 16, 17, 4096, 70_000]) {
      const file = new Uint8Array(size).map(() => Math.floor(random() * 256));
      const token = `clip:${size}`;
      const whole = wholePadded(file, token);
      const edges = [0, 1, 7, 8, 9, size - 1, size, size + 7, size + 8, size + 23, whole.length - 1];
      const points = [...edges, ...Array.from({ length: 12 }, () => Math.floor(random() * whole.length))].filter(
        (p) => p >= 0 && p < whole.length,
      );
      for (const start of points)
        for (const end of points)
          if (end >= start)
            expect(Buffer.from(readRange(file, token, start, end)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
  });

  test("plans split exactly at the end of the stored file", () => {
    expect(planPaddedRead(100, 50, { start: 0, end: 99 })).toEqual({ file: { start: 0, end: 99 }, padding: null });
    expect(planPaddedRead(100, 50, { start: 90, end: 109 })).toEqual({
      file: { start: 90, end: 99 },
      padding: { start: 0, end: 9 },
    });
    expect(planPaddedRead(100, 50, { start: 100, end: 149 })).toEqual({ file: null, padding: { start: 0, end: 49 } });
    expect(() => planPaddedRead(100, 50, { start: 0, end: 150 })).toThrow(RangeError);
  });
});
