import { type ByteSource, u64, view } from "./byte-source";
import type { VideoInfo } from "./probe-video";

/** An ISO-BMFF / QuickTime box: its four-character type, where its payload starts and where it ends. */
interface Box {
  type: string;
  payload: number;
  end: number;
}

interface Size {
  width: number;
  height: number;
}

/** Bounds the walk of one level, so a file of millions of tiny boxes cannot keep us busy. */
const MAX_BOXES = 100_000;
/** The boxes read whole (mvhd, mehd, tkhd, hdlr, stsd) are a few hundred bytes; bigger means corrupt. */
const MAX_LEAF = 1 << 20;

/**
 * The child boxes in [start, end), reading only their headers so `mdat` and sample tables are
 * skipped by seeking. Throws on a malformed or truncated box; the caller turns that into null.
 */
async function* boxes(src: ByteSource, start: number, end: number): AsyncGenerator<Box> {
  // Fewer than 8 bytes left cannot hold a box (QuickTime pads some lists with a 4-byte zero).
  for (let offset = start, count = 0; offset + 8 <= end; count++) {
    if (count >= MAX_BOXES) throw new Error("too many boxes");
    const head = await src.read(offset, 16);
    const data = view(head);
    let size = data.getUint32(0);
    let headerSize = 8;
    if (size === 1) {
      if (head.length < 16) throw new Error("truncated largesize");
      size = u64(data, 8);
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset; // "extends to the end of the file"
    }
    // NaN (64-bit size beyond 2^53) fails too; a size below the header would never advance.
    if (!(size >= headerSize) || offset + size > end) throw new Error("bad box size");
    yield { type: String.fromCharCode(...head.subarray(4, 8)), payload: offset + headerSize, end: offset + size };
    offset += size;
  }
}

async function child(src: ByteSource, parent: Box, type: string): Promise<Box | null> {
  for await (const box of boxes(src, parent.payload, parent.end)) if (box.type === type) return box;
  return null;
}

async function payload(src: ByteSource, box: Box): Promise<DataView> {
  if (box.end - box.payload > MAX_LEAF) throw new Error(`oversized ${box.type}`);
  return view(await src.read(box.payload, box.end - box.payload));
}

/** Reads the duration from `mvhd` (falling back to `mvex/mehd` for fragmented files) and the size of the first video track. */
export async function probeMp4(src: ByteSource): Promise<VideoInfo | null> {
  // Walk every top-level box, not just up to moov: a box running past the end means a truncated upload.
  let moov: Box | null = null;
  for await (const box of boxes(src, 0, src.size)) if (box.type === "moov" && !moov) moov = box;
  if (!moov) return null;

  let timescale = 0;
  let duration = NaN;
  let fragmentDuration = NaN;
  let size: Size | null = null;
  for await (const box of boxes(src, moov.payload, moov.end)) {
    if (box.type === "mvhd") {
      const d = await payload(src, box);
      const v1 = d.getUint8(0) === 1;
      timescale = d.getUint32(v1 ? 20 : 12);
      duration = v1 ? u64(d, 24) : d.getUint32(16);
      if (!v1 && duration === 0xffffffff) duration = NaN; // all ones: unknown
    } else if (box.type === "mvex") {
      // Fragmented MP4 leaves mvhd's duration at 0; mehd, when present, has the total.
      const mehd = await child(src, box, "mehd");
      if (mehd) {
        const d = await payload(src, mehd);
        fragmentDuration = d.getUint8(0) === 1 ? u64(d, 4) : d.getUint32(4);
      }
    } else if (box.type === "trak" && !size) {
      size = await videoTrackSize(src, box);
    }
  }
  const units = duration > 0 ? duration : fragmentDuration;
  if (!size || !(timescale > 0) || !(units > 0)) return null;
  return { durationMs: (units * 1000) / timescale, ...size };
}

/** The track's width and height when its handler is `vide`; null for audio and other tracks. */
async function videoTrackSize(src: ByteSource, trak: Box): Promise<Size | null> {
  const mdia = await child(src, trak, "mdia");
  const hdlr = mdia && (await child(src, mdia, "hdlr"));
  // hdlr: version+flags, pre_defined (QuickTime's component type), then handler_type.
  if (!mdia || !hdlr || (await payload(src, hdlr)).getUint32(8) !== 0x76696465 /* "vide" */) return null;

  const tkhd = await child(src, trak, "tkhd");
  if (tkhd) {
    const d = await payload(src, tkhd);
    // width and height (16.16 fixed point) close the box: 32-bit times in version 0, 64-bit in version 1.
    const at = d.getUint8(0) === 1 ? 88 : 76;
    const size = { width: Math.round(d.getUint32(at) / 65536), height: Math.round(d.getUint32(at + 4) / 65536) };
    if (size.width > 0 && size.height > 0) return size;
  }

  // Some muxers leave tkhd at 0x0; the visual sample entry always carries the coded size.
  const minf = await child(src, mdia, "minf");
  const stbl = minf && (await child(src, minf, "stbl"));
  const stsd = stbl && (await child(src, stbl, "stsd"));
  if (!stsd) return null;
  const d = await payload(src, stsd);
  // version+flags, entry_count, then the first entry: 16-byte box/SampleEntry header, 16 reserved bytes, width, height.
  return { width: d.getUint16(8 + 32), height: d.getUint16(8 + 34) };
}
