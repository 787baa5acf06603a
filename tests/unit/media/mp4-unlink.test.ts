import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { boxAt, parseBoxes } from "@/lib/media/mp4-boxes";
import {
  type Mp4Index,
  assembleUnlinked,
  deriveUnlinkKey,
  indexMp4,
  openUnlinkedSource,
  planUnlinkedLayout,
} from "@/lib/media/mp4-unlink";
import { unlinkedLayoutsOf } from "@/lib/media/unlinked-layouts";
import { seededRandom } from "@/lib/random";
import { type ByteSource, sourceFromStream } from "@/lib/storage/byte-source";
import { LocalMediaStore } from "@/lib/storage/local-media";

// A committed demo rendition: H.264 High in a faststart MP4, made by lib/media/transcode.ts.
const DEMO_DIR = path.resolve("media/demo/clips");
const DEMO = path.join(DEMO_DIR, fs.readdirSync(DEMO_DIR).filter((f) => f.endsWith(".mp4")).sort()[0]!);
const stored = fs.readFileSync(DEMO);
const SECRET = "unit-test-secret-0123456789abcdef";

function indexed(bytes: Buffer = stored): Mp4Index {
  const index = indexMp4(bytes, bytes.length);
  if ("unsupported" in index) throw new Error(index.unsupported);
  return index;
}

/** The first video track's `stsz` sizes of a whole file. */
function videoSampleSizes(file: Buffer): number[] {
  const moov = parseBoxes(file.subarray(0, indexed(file).mdatStart - 8)).find((b) => b.type === "moov")!;
  const stsz = boxAt(moov.children.find((b) => b.type === "trak")!, ["mdia", "minf", "stbl", "stsz"])!.payload!;
  return Array.from({ length: stsz.readUInt32BE(8) }, (_, i) => stsz.readUInt32BE(12 + 4 * i));
}

/** Length of the longest run of bytes that `a` and `b` share (dynamic programming; small inputs). */
function longestSharedRun(a: Uint8Array, b: Uint8Array): number {
  let previous = new Uint32Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i += 1) {
    const row = new Uint32Array(b.length + 1);
    for (let j = 1; j <= b.length; j += 1)
      if (a[i - 1] === b[j - 1]) best = Math.max(best, (row[j] = previous[j - 1]! + 1));
    previous = row;
  }
  return best;
}

/** Everything a source yields, read into buffers of `chunk` bytes (a new one per read, as a pool would reuse). */
async function readAll(source: ByteSource, chunk: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (;;) {
    const buffer = Buffer.alloc(chunk);
    const n = await source.read(buffer);
    if (n === 0) break;
    parts.push(buffer.subarray(0, n));
  }
  await source.close();
  return Buffer.concat(parts);
}

describe("per-URL MP4 rewrite (lib/media/mp4-unlink.ts)", () => {
  test("indexes the demo rendition: one video track, every sample inside mdat", () => {
    const index = indexed();
    expect(index.tracks).toHaveLength(1);
    expect(index.tracks[0]!.nalLengthSize).toBe(4);
    expect(index.samples.size.length).toBeGreaterThan(10);
    expect(index.mdatEnd).toBe(stored.length);
  });

  test("two URLs get different sizes, sample sizes and headers; one URL always the same bytes", () => {
    const index = indexed();
    const a = planUnlinkedLayout(index, deriveUnlinkKey(SECRET, "battle:t1:a"));
    const b = planUnlinkedLayout(index, deriveUnlinkKey(SECRET, "battle:t2:a"));
    const again = planUnlinkedLayout(index, deriveUnlinkKey(SECRET, "battle:t1:a"));
    expect(again.header.equals(a.header)).toBe(true);
    expect(a.size).not.toBe(b.size);
    const [fileA, fileB] = [assembleUnlinked(a, stored), assembleUnlinked(b, stored)];
    const [sizesA, sizesB, original] = [videoSampleSizes(fileA), videoSampleSizes(fileB), videoSampleSizes(stored)];
    const differing = sizesA.filter((size, i) => size !== sizesB[i]).length;
    expect(differing).toBeGreaterThan(sizesA.length * 0.9);
    sizesA.forEach((size, i) => expect(size - original[i]!).toBeGreaterThanOrEqual(6));
    // Beyond `ftyp` (32 bytes, the same for every rendition), the headers share no run over 512 bytes.
    const ftyp = index.ftyp.length;
    expect(longestSharedRun(a.header.subarray(ftyp), b.header.subarray(ftyp))).toBeLessThanOrEqual(512);
    // …while the stored header shares all of itself with an unchanged copy (the test can fail).
    expect(longestSharedRun(stored.subarray(ftyp, 3000), stored.subarray(ftyp, 3000))).toBe(3000 - ftyp);
  });

  test("every rewritten sample is the original sample, then one H.264 filler NAL unit", () => {
    const index = indexed();
    const layout = planUnlinkedLayout(index, deriveUnlinkKey(SECRET, "clip:named"));
    const file = assembleUnlinked(layout, stored);
    const moov = parseBoxes(file.subarray(index.ftyp.length, layout.header.length - 8))[0]!;
    const stbl = boxAt(moov.children.find((b) => b.type === "trak")!, ["mdia", "minf", "stbl"])!;
    const stco = stbl.children.find((b) => b.type === "stco")!.payload!;
    const sizes = videoSampleSizes(file);
    // The demo's video is one chunk per stsc run: walk samples from each chunk offset.
    let at = stco.readUInt32BE(8);
    for (let i = 0; i < sizes.length; i += 1) {
      const originalSize = index.samples.size[i]!;
      const originalAt = index.samples.offset[i]!;
      expect(file.subarray(at, at + originalSize).equals(stored.subarray(originalAt, originalAt + originalSize))).toBe(
        true,
      );
      const filler = file.subarray(at + originalSize, at + sizes[i]!);
      expect(filler.readUInt32BE(0)).toBe(filler.length - 4);
      expect(filler[4]).toBe(0x0c);
      expect(filler.subarray(5, -1).every((byte) => byte === 0xff)).toBe(true);
      expect(filler[filler.length - 1]).toBe(0x80);
      at += sizes[i]!;
    }
    expect(at).toBe(file.length);
  });

  test("every range of the stream equals the same bytes of the whole file", async () => {
    const layout = planUnlinkedLayout(indexed(), deriveUnlinkKey(SECRET, "battle:t3:b"));
    const whole = assembleUnlinked(layout, stored);
    let opened = 0;
    const openOriginal = (from: number, to: number) => {
      opened += 1;
      return Promise.resolve(sourceFromStream(new Response(stored.subarray(from, to + 1)).body!, to + 1 - from));
    };
    const random = seededRandom(7);
    const ranges: [number, number][] = [
      [0, whole.length - 1],
      [0, 0],
      [layout.header.length - 3, layout.header.length + 3],
      [whole.length - 1, whole.length - 1],
    ];
    for (let i = 0; i < 200; i += 1) {
      const start = Math.floor(random() * whole.length);
      ranges.push([start, Math.min(whole.length - 1, start + Math.floor(random() * 600_000))]);
    }
    for (const [start, end] of ranges) {
      opened = 0;
      // Reads of 1 byte to 512 KiB: the header, the samples and their fillers split at every kind of edge.
      const chunk = 1 + Math.floor(random() * random() * 512 * 1024);
      const part = await readAll(await openUnlinkedSource(layout, start, end, openOriginal), chunk);
      expect(part.equals(whole.subarray(start, end + 1)), `${start}-${end} in ${chunk}-byte reads`).toBe(true);
      expect(opened).toBeLessThanOrEqual(1);
    }
  });

  test("layouts it does not handle are reported, never thrown", () => {
    const index = indexed();
    // moov after mdat (not faststart)
    const mdat = stored.subarray(index.mdatStart - 8);
    const moov = stored.subarray(index.ftyp.length, index.mdatStart - 8);
    const late = Buffer.concat([index.ftyp, mdat, moov]);
    expect(indexMp4(late, late.length)).toEqual({ unsupported: "moov after mdat (not faststart)" });
    expect("unsupported" in indexMp4(stored.subarray(0, 100), stored.length)).toBe(true);
    const garbage = Buffer.from("not an mp4 at all, just some text that goes on");
    expect("unsupported" in indexMp4(garbage, garbage.length)).toBe(true);
    const zeroSize = Buffer.alloc(64);
    expect("unsupported" in indexMp4(zeroSize, zeroSize.length)).toBe(true);
  });

  test("a stored file whose header lies past the first 64 KiB read is indexed all the same", async () => {
    const index = indexed();
    // A 100 KiB free box between ftyp and moov pushes the moov and mdat headers past the first read.
    const free = Buffer.alloc(100 * 1024);
    free.writeUInt32BE(free.length, 0);
    free.write("free", 4, "latin1");
    // The demo's one track has one `stco`: its chunk offsets move with the mdat.
    const copy = Buffer.from(stored);
    const stco = copy.indexOf("stco", index.ftyp.length, "latin1") + 4;
    for (let i = 0; i < copy.readUInt32BE(stco + 4); i += 1)
      copy.writeUInt32BE(copy.readUInt32BE(stco + 8 + 4 * i) + free.length, stco + 8 + 4 * i);
    const shifted = Buffer.concat([index.ftyp, free, copy.subarray(index.ftyp.length)]);
    expect("unsupported" in indexMp4(shifted.subarray(0, 64 * 1024), shifted.length)).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-unlink-unit-"));
    try {
      const store = new LocalMediaStore(dir);
      const source = path.join(dir, "moved.mp4");
      fs.writeFileSync(source, shifted);
      const key = await store.putFile(source, "clips", "mp4");
      const layout = await unlinkedLayoutsOf(store).layoutFor(store, key, shifted.length, deriveUnlinkKey(SECRET, "y"));
      expect(layout).not.toBeNull();
      expect(layout!.header.includes(Buffer.from("free"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
