import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveStoredFile } from "@/lib/http/serve-file";
import { parseBoxes } from "@/lib/media/mp4-boxes";
import { derivePadding } from "@/lib/media/mp4-padding";
import { deriveUnlinkKey, indexMp4 } from "@/lib/media/mp4-unlink";
import { transcodeRenditions } from "@/lib/media/transcode";
import { unsupportedFiles } from "@/lib/media/unlinked-layouts";
import { LocalMediaStore } from "@/lib/storage/local-media";
import { ffmpegAvailable } from "./renditions";

// Issue 25, item 6: one real clip's delivery rendition served under two URLs. The decoded frames
// (and sound) are exactly the stored rendition's, every Range agrees with the whole file, and the
// two URLs' headers (`moov`: sample sizes, offsets, composition offsets, times) share no run of
// more than SHARED_RUN_LIMIT bytes beyond `ftyp`. What stays shared is listed in docs/blindness.md.
const run = promisify(execFile);
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve("..", "shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const hasRealClips = fs.existsSync(path.join(REAL_CLIPS, "manifest.json"));
if (!hasRealClips && process.env.CI === "true") throw new Error(`real clips are required on CI: ${REAL_CLIPS}`);
if (!hasRealClips) console.warn(`${REAL_CLIPS} not found (set SHARED_DIR): skipping the unlinked-bytes check`);

/** The longest run of bytes two URLs' headers may share (N of the brief), `ftyp` excepted. */
export const SHARED_RUN_LIMIT = 512;
const SECRET = "unlinked-bytes-test-secret";

// A long 720p clip with sound (Veo 3: 24 fps, 4 s) and two short square ones, as import renders them.
const CLIPS = [
  {
    file: "clips/hummingbird-flower-i2v/veo-3.mp4",
    sound: true,
    format: { width: 1280, height: 720, frameRate: "24", lengthMs: 4000 },
  },
  {
    file: "clips/dough-baking-timelapse/zeroscope-v2.mp4",
    sound: false,
    format: { width: 576, height: 576, frameRate: "16", lengthMs: 1600 },
  },
  {
    file: "clips/dough-baking-timelapse/lavie.mp4",
    sound: false,
    format: { width: 576, height: 576, frameRate: "16", lengthMs: 1600 },
  },
];

/** Length of the longest run of bytes that `a` and `b` share (dynamic programming over two headers). */
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

/** ffmpeg's per-frame MD5 of one stream (timestamps, sizes and decoded pictures or samples), header lines dropped. */
async function frameMd5(file: string, stream: "v" | "a"): Promise<string> {
  const { stdout } = await run("ffmpeg", ["-v", "error", "-i", file, "-map", `0:${stream}`, "-f", "framemd5", "-"], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .join("\n");
}

/** The `moov` box's bytes and the `ftyp` length of a whole file. */
function headerOf(file: Buffer): { moov: Buffer; ftyp: number } {
  const index = indexMp4(file, file.length);
  if ("unsupported" in index) throw new Error(index.unsupported);
  expect(parseBoxes(file.subarray(index.ftyp.length, index.mdatStart - 8))[0]?.type).toBe("moov");
  return { moov: file.subarray(index.ftyp.length, index.mdatStart - 8), ftyp: index.ftyp.length };
}

describe.skipIf(!ffmpegAvailable() || !hasRealClips)("a real rendition under two URLs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-unlinked-"));
  const store = new LocalMediaStore(path.join(dir, "store"));
  const renditions: { name: string; path: string; key: string; sound: boolean }[] = [];

  beforeAll(async () => {
    for (const [i, clip] of CLIPS.entries()) {
      const files = await transcodeRenditions(path.join(REAL_CLIPS, clip.file), clip.sound, dir, {
        name: `r${i}`,
        format: clip.format,
      });
      for (const file of [files.silent, files.sound]) {
        if (!file) continue;
        renditions.push({
          name: path.basename(file),
          path: file,
          key: await store.putFile(file, "clips", "mp4"),
          sound: file === files.sound,
        });
      }
    }
  }, 600_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The whole file one URL serves, saved for ffmpeg, with its answer's Content-Length checked. */
  async function fetchAs(rendition: { key: string; name: string }, token: string) {
    const file = {
      storageKey: rendition.key,
      mimeType: "video/mp4",
      padding: derivePadding(SECRET, token),
      unlinkKey: deriveUnlinkKey(SECRET, token),
    };
    const get = (headers: Record<string, string> = {}, method = "GET") =>
      serveStoredFile(store, new Request("http://localhost/", { method, headers }), file, "no-store");
    const whole = Buffer.from(await (await get()).arrayBuffer());
    const head = await get({}, "HEAD");
    expect(Number(head.headers.get("content-length"))).toBe(whole.length);
    const saved = path.join(dir, `${token}-${rendition.name}`);
    fs.writeFileSync(saved, whole);
    return { whole, saved, get };
  }

  test("decodes to the stored rendition's frames and sound, and every Range agrees with the whole file", async () => {
    for (const rendition of renditions) {
      const original = await frameMd5(rendition.path, "v");
      const sound = rendition.sound ? await frameMd5(rendition.path, "a") : "";
      for (const token of ["battle:one:a", "battle:two:b"]) {
        const { whole, saved, get } = await fetchAs(rendition, token);
        expect(await frameMd5(saved, "v"), rendition.name).toBe(original);
        if (rendition.sound) expect(await frameMd5(saved, "a"), rendition.name).toBe(sound);
        const ranges = [
          [0, 16_383],
          [1000, 300_000],
          [whole.length - 70_000, whole.length - 1],
          [12_345, 12_345],
        ];
        for (const [start, end] of ranges) {
          const part = await get({ range: `bytes=${start}-${end}` });
          expect(part.status).toBe(206);
          expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(start, end! + 1))).toBe(true);
        }
      }
    }
    expect([...unsupportedFiles.keys()].filter((key) => renditions.some((r) => r.key === key))).toEqual([]);
  }, 600_000);

  test(`two URLs' headers share no run over ${SHARED_RUN_LIMIT} bytes beyond ftyp (silent renditions); the stored header is one long run`, async () => {
    const rows = [];
    for (const rendition of renditions) {
      const [a, b] = [await fetchAs(rendition, "battle:three:a"), await fetchAs(rendition, "clip:named")];
      const [ha, hb] = [headerOf(a.whole), headerOf(b.whole)];
      const stored = headerOf(fs.readFileSync(rendition.path));
      const run = longestSharedRun(ha.moov, hb.moov);
      rows.push({
        rendition: rendition.name,
        sound: rendition.sound,
        moovBytes: ha.moov.length,
        longestSharedRun: run,
        ftyp: ha.ftyp,
        bytesAdded: a.whole.length - fs.statSync(rendition.path).size,
      });
      // AAC samples take no filler: a sound rendition's audio `stsz` stays as stored (documented).
      if (!rendition.sound) expect(run, rendition.name).toBeLessThanOrEqual(SHARED_RUN_LIMIT);
      // The same measure on the stored bytes served twice finds the whole header: it can fail.
      expect(longestSharedRun(stored.moov, stored.moov)).toBe(stored.moov.length);
      expect(stored.moov.length).toBeGreaterThan(SHARED_RUN_LIMIT);
    }
    console.table(rows);
  }, 600_000);
});
