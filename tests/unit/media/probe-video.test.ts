import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeVideo } from "@/lib/media/probe-video";

const demoDir = path.resolve(import.meta.dirname, "../../../media/demo");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "probe-video-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let fileCount = 0;
/** Writes the bytes to a fresh temp file and returns its path. */
function write(bytes: Uint8Array, name = `f${++fileCount}.mp4`): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  return file;
}

// --- ISO-BMFF builders: just enough of each box for the parser (and for real players' layouts). ---

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v, 4 * i));
  return b;
}
function u64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(value));
  return b;
}
const zeros = (n: number) => Buffer.alloc(n);

function box(type: string, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, "latin1"), body]);
}
const fullBox = (type: string, version: number, ...parts: Uint8Array[]) =>
  box(type, Buffer.from([version, 0, 0, 0]), ...parts);
/** A box with a 64-bit size (size field 1, then largesize). */
function largeBox(type: string, body: Uint8Array): Buffer {
  return Buffer.concat([u32(1), Buffer.from(type, "latin1"), u64(16 + body.length), body]);
}

const ftyp = (brand = "isom") => box("ftyp", Buffer.from(brand, "latin1"), u32(0x200), Buffer.from("isomiso2mp41"));
const identity = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  const times = version === 1 ? [u64(0), u64(0), u32(timescale), u64(duration)] : [u32(0, 0, timescale, duration)];
  // rate, volume, reserved, matrix, pre_defined, next_track_ID
  return fullBox("mvhd", version, ...times, u32(0x10000), u16(0x100), zeros(10), identity, zeros(24), u32(3));
}
function tkhd(version: 0 | 1, width: number, height: number): Buffer {
  // creation, modification, track_ID, reserved, duration
  const times = version === 1 ? [u64(0), u64(0), u32(1, 0), u64(0)] : [u32(0, 0, 1, 0, 0)];
  // reserved, layer, alternate_group, volume, reserved, matrix, then 16.16 width and height
  return fullBox("tkhd", version, ...times, zeros(8), zeros(8), identity, u32(width * 65536, height * 65536));
}
/** QuickTime puts the component type ("mhlr") where ISO has pre_defined zero. */
const hdlr = (handler: string, componentType = "\0\0\0\0") =>
  fullBox("hdlr", 0, Buffer.from(componentType + handler, "latin1"), zeros(12), Buffer.from("Handler\0"));
function stsd(width: number, height: number): Buffer {
  const entry = box(
    "avc1",
    zeros(6),
    u16(1), // data_reference_index
    zeros(16),
    u16(width),
    u16(height),
    u32(0x480000, 0x480000, 0), // resolution, reserved
    u16(1), // frame_count
    zeros(32), // compressorname
    u16(0x18),
    u16(0xffff),
  );
  return fullBox("stsd", 0, u32(1), entry);
}
interface TrackSpec {
  handler?: string;
  tkhd?: [number, number];
  stsd?: [number, number];
  version?: 0 | 1;
  componentType?: string;
}
function trak({ handler = "vide", tkhd: dims = [1920, 1080], stsd: coded = dims, version = 0, componentType }: TrackSpec) {
  const stbl = box("stbl", stsd(...coded), fullBox("stts", 0, u32(0)));
  const minf = box("minf", fullBox("vmhd", 0, zeros(8)), stbl);
  const mdia = box("mdia", fullBox("mdhd", 0, zeros(20)), hdlr(handler, componentType), minf);
  return box("trak", tkhd(version, ...dims), mdia);
}
function moov(timescale: number, duration: number, tracks: TrackSpec[] = [{}], version: 0 | 1 = 0, extra: Buffer[] = []) {
  return box("moov", mvhd(version, timescale, duration), ...tracks.map(trak), ...extra);
}
const mdat = (n = 1024) => box("mdat", Buffer.alloc(n, 0xab));

describe("probeVideo on MP4/MOV", () => {
  it("reads a version 0 file with moov before mdat, rounding the duration", async () => {
    const file = write(Buffer.concat([ftyp(), moov(30_000, 100_100), mdat()]));
    // 100100 / 30000 s = 3336.67 ms
    expect(await probeVideo(file)).toEqual({ durationMs: 3337, width: 1920, height: 1080 });
  });

  it("takes the dimensions of the video track, not of an audio track listed first", async () => {
    const tracks: TrackSpec[] = [{ handler: "soun", tkhd: [640, 480] }, { tkhd: [1280, 720], stsd: [1, 1] }];
    const file = write(Buffer.concat([ftyp(), moov(1000, 5000, tracks), mdat()]));
    expect(await probeVideo(file)).toEqual({ durationMs: 5000, width: 1280, height: 720 });
  });

  it("reads version 1 mvhd and tkhd with 64-bit times", async () => {
    // 7.5e9 does not fit 32 bits: only a real 64-bit read gives 7500 ms.
    const file = write(Buffer.concat([ftyp(), moov(1_000_000_000, 7_500_000_000, [{ version: 1, tkhd: [720, 1280], stsd: [360, 640] }], 1), mdat()]));
    expect(await probeVideo(file)).toEqual({ durationMs: 7500, width: 720, height: 1280 });
  });

  it("seeks past a large mdat to a moov at the end", async () => {
    const file = write(Buffer.concat([ftyp(), mdat(3 << 20), moov(600, 2400, [{ tkhd: [854, 480] }])]));
    expect(await probeVideo(file)).toEqual({ durationMs: 4000, width: 854, height: 480 });
  });

  it("handles a 64-bit largesize mdat", async () => {
    const file = write(Buffer.concat([ftyp(), largeBox("mdat", Buffer.alloc(4096, 1)), moov(1000, 6000)]));
    expect(await probeVideo(file)).toEqual({ durationMs: 6000, width: 1920, height: 1080 });
  });

  it("seeks beyond 4 GiB without reading the mdat (sparse file)", async () => {
    const head = Buffer.concat([ftyp(), Buffer.from([0, 0, 0, 1]), Buffer.from("mdat"), zeros(8)]);
    const moovBytes = moov(1000, 3000);
    const moovAt = 5 * 2 ** 30;
    head.writeBigUInt64BE(BigInt(moovAt - ftyp().length), ftyp().length + 8);
    const file = path.join(tmp, "sparse.mp4");
    const fd = fs.openSync(file, "w");
    try {
      fs.writeSync(fd, head, 0, head.length, 0);
      fs.writeSync(fd, moovBytes, 0, moovBytes.length, moovAt); // the gap stays a hole: no disk used
    } finally {
      fs.closeSync(fd);
    }
    expect(await probeVideo(file)).toEqual({ durationMs: 3000, width: 1920, height: 1080 });
  });

  it("accepts a last box of size 0 (extends to the end of the file)", async () => {
    const file = write(Buffer.concat([ftyp(), moov(1000, 2500), u32(0), Buffer.from("mdat"), zeros(500)]));
    expect(await probeVideo(file)).toEqual({ durationMs: 2500, width: 1920, height: 1080 });
  });

  it("falls back to the stsd sample entry when tkhd says 0x0", async () => {
    const file = write(Buffer.concat([ftyp(), moov(1000, 4000, [{ tkhd: [0, 0], stsd: [640, 360] }]), mdat()]));
    expect(await probeVideo(file)).toEqual({ durationMs: 4000, width: 640, height: 360 });
  });

  it("reads a QuickTime MOV without ftyp (wide, mdat, then moov)", async () => {
    const mov = Buffer.concat([box("wide"), mdat(), moov(600, 3000, [{ componentType: "mhlr", tkhd: [1080, 1920] }])]);
    expect(await probeVideo(write(mov, "clip.mov"))).toEqual({ durationMs: 5000, width: 1080, height: 1920 });
    const withFtyp = Buffer.concat([ftyp("qt  "), moov(600, 3000, [{ componentType: "mhlr" }]), mdat()]);
    expect(await probeVideo(write(withFtyp, "clip2.mov"))).toEqual({ durationMs: 5000, width: 1920, height: 1080 });
  });

  it("uses mvex/mehd when a fragmented file's mvhd duration is 0", async () => {
    const mvex = box("mvex", fullBox("mehd", 0, u32(9000)));
    const file = write(Buffer.concat([ftyp("iso5"), moov(1000, 0, [{}], 0, [mvex])]));
    expect(await probeVideo(file)).toEqual({ durationMs: 9000, width: 1920, height: 1080 });
    expect(await probeVideo(write(Buffer.concat([ftyp("iso5"), moov(1000, 0)])))).toBeNull();
  });

  it("returns null for files without a video track or with unknown duration", async () => {
    expect(await probeVideo(write(Buffer.concat([ftyp(), moov(1000, 5000, [{ handler: "soun" }]), mdat()])))).toBeNull();
    expect(await probeVideo(write(Buffer.concat([ftyp(), moov(1000, 0xffffffff), mdat()])))).toBeNull();
    expect(await probeVideo(write(Buffer.concat([ftyp(), moov(0, 5000), mdat()])))).toBeNull();
    expect(await probeVideo(write(Buffer.concat([ftyp(), mdat()])))).toBeNull(); // no moov at all
  });

  it("returns null for a text file renamed .mp4, an empty file and a missing file", async () => {
    expect(await probeVideo(write(Buffer.from("hello, this is not a video\n".repeat(20)), "notes.mp4"))).toBeNull();
    expect(await probeVideo(write(Buffer.alloc(0), "empty.mp4"))).toBeNull();
    expect(await probeVideo(path.join(tmp, "missing.mp4"))).toBeNull();
  });

  it("returns null for truncated files", async () => {
    const moovLast = Buffer.concat([ftyp(), mdat(8192), moov(1000, 5000)]);
    expect(await probeVideo(write(moovLast.subarray(0, moovLast.length - 40)))).toBeNull(); // cut inside moov
    expect(await probeVideo(write(moovLast.subarray(0, 5000)))).toBeNull(); // cut inside mdat, moov lost
    const moovFirst = Buffer.concat([ftyp(), moov(1000, 5000), mdat(8192)]);
    expect(await probeVideo(write(moovFirst.subarray(0, moovFirst.length - 100)))).toBeNull(); // mdat cut short
  });

  it("returns null on corrupt box sizes instead of looping or throwing", async () => {
    const good = Buffer.concat([ftyp(), moov(1000, 5000), mdat()]);
    const tiny = Buffer.from(good);
    tiny.writeUInt32BE(4, ftyp().length); // moov claims 4 bytes: smaller than its own header
    expect(await probeVideo(write(tiny))).toBeNull();
    const huge = Buffer.from(good);
    huge.writeUInt32BE(0xfffffff0, ftyp().length);
    expect(await probeVideo(write(huge))).toBeNull();
    const hugeLarge = Buffer.concat([ftyp(), u32(1), Buffer.from("mdat"), Buffer.alloc(8, 0xff), moov(1000, 5000)]);
    expect(await probeVideo(write(hugeLarge))).toBeNull();
    // A child overrunning its parent inside moov.
    const nested = Buffer.concat([ftyp(), box("moov", u32(0x1000), Buffer.from("trak"), mvhd(0, 1000, 5000)), mdat()]);
    expect(await probeVideo(write(nested))).toBeNull();
    // Random bytes starting like an MP4.
    const noise = Buffer.concat([ftyp(), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff))]);
    expect(await probeVideo(write(noise))).toBeNull();
  });
});

// --- EBML builder for WebM edge cases the demo clips do not have. ---

/** An element with an 8-byte size field (or the 1-byte "unknown size" marker). */
function ebml(id: number, body: Uint8Array | Uint8Array[], unknownSize = false): Buffer {
  const data = Buffer.concat(Array.isArray(body) ? body : [body]);
  const idBytes = Buffer.from(id.toString(16).padStart(2, "0").replace(/^(.(..)*)$/, "0$1"), "hex");
  const size = unknownSize ? Buffer.from([0xff]) : Buffer.concat([Buffer.from([0x01]), u64(data.length).subarray(1)]);
  return Buffer.concat([idBytes, size, data]);
}
const uintEl = (id: number, value: number) => ebml(id, u32(value));
function floatEl(id: number, value: number, bytes: 4 | 8 = 8): Buffer {
  const b = Buffer.alloc(bytes);
  if (bytes === 4) b.writeFloatBE(value);
  else b.writeDoubleBE(value);
  return ebml(id, b);
}
function webm({ duration, scale, unknownSize = false, infoAfterCluster = false, float32 = false, padTracks = 0 } = {} as {
  padTracks?: number;
  duration?: number;
  scale?: number;
  unknownSize?: boolean;
  infoAfterCluster?: boolean;
  float32?: boolean;
}): Buffer {
  const header = ebml(0x1a45dfa3, [uintEl(0x4286, 1), ebml(0x4282, Buffer.from("webm"))]);
  const info = ebml(0x1549a966, [
    ...(scale === undefined ? [] : [uintEl(0x2ad7b1, scale)]),
    ...(duration === undefined ? [] : [floatEl(0x4489, duration, float32 ? 4 : 8)]),
  ]);
  // The audio entry carries a stray Video element: only TrackType 1 may give the dimensions.
  const audio = ebml(0xae, [uintEl(0x83, 2), ebml(0xe1, floatEl(0xb5, 48000)), ebml(0xe0, [uintEl(0xb0, 1), uintEl(0xba, 1)])]);
  const video = ebml(0xae, [uintEl(0x83, 1), ebml(0xe0, [uintEl(0xb0, 640), uintEl(0xba, 360)])]);
  const tracks = ebml(0x1654ae6b, [audio, video, ebml(0xec, Buffer.alloc(padTracks))]);
  const cluster = ebml(0x1f43b675, Buffer.alloc(2 << 20, 0xa3));
  const children = infoAfterCluster ? [tracks, cluster, info] : [info, tracks, cluster];
  return Buffer.concat([header, ebml(0x18538067, children, unknownSize)]);
}

describe("probeVideo on WebM", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(demoDir, "manifest.json"), "utf8")) as {
    clips: { file: string; durationMs: number; width: number; height: number }[];
  };

  it("reads every demo clip, agreeing with the demo manifest", async () => {
    const files = fs.readdirSync(path.join(demoDir, "clips")).filter((name) => name.endsWith(".webm"));
    expect(files).toHaveLength(42);
    expect(manifest.clips).toHaveLength(42);
    for (const clip of manifest.clips) {
      const info = await probeVideo(path.join(demoDir, clip.file));
      expect(info, clip.file).toEqual({ durationMs: clip.durationMs, width: clip.width, height: clip.height });
      expect(info!.durationMs).toBeGreaterThanOrEqual(3000);
      expect(info!.durationMs).toBeLessThanOrEqual(6000);
    }
  });

  it("returns null for a truncated demo clip", async () => {
    const bytes = fs.readFileSync(path.join(demoDir, manifest.clips[0]!.file));
    expect(await probeVideo(write(bytes.subarray(0, bytes.length >> 1), "cut.webm"))).toBeNull();
    expect(await probeVideo(write(bytes.subarray(0, 40), "cut2.webm"))).toBeNull();
  });

  it("reads the duration in TimecodeScale units, as a 4- or 8-byte float", async () => {
    expect(await probeVideo(write(webm({ duration: 4500 }), "a.webm"))).toEqual({ durationMs: 4500, width: 640, height: 360 });
    const scaled = webm({ duration: 2.25, scale: 1_000_000_000, float32: true });
    expect(await probeVideo(write(scaled, "b.webm"))).toEqual({ durationMs: 2250, width: 640, height: 360 });
  });

  it("handles an unknown-size Segment and skips a Cluster before Info", async () => {
    const file = write(webm({ duration: 3000, unknownSize: true, infoAfterCluster: true }), "c.webm");
    expect(await probeVideo(file)).toEqual({ durationMs: 3000, width: 640, height: 360 });
  });

  it("returns null when Duration is absent (as in MediaRecorder output)", async () => {
    expect(await probeVideo(write(webm({ unknownSize: true }), "d.webm"))).toBeNull();
    expect(await probeVideo(write(webm(), "e.webm"))).toBeNull();
  });

  it("refuses an absurdly large Tracks element rather than reading it into memory", async () => {
    expect(await probeVideo(write(webm({ duration: 3000, padTracks: 2 << 20 }), "h.webm"))).toBeNull();
  });

  it("returns null for an EBML file of another DocType or garbage after the magic", async () => {
    const other = Buffer.concat([ebml(0x1a45dfa3, ebml(0x4282, Buffer.from("foo"))), ebml(0x18538067, [])]);
    expect(await probeVideo(write(other, "f.webm"))).toBeNull();
    const garbage = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(64, 0xff)]);
    expect(await probeVideo(write(garbage, "g.webm"))).toBeNull();
  });
});
