import { createCipheriv, createHmac } from "node:crypto";
import { type ByteSource, readExactly } from "../storage/byte-source";
import { type Mp4Box, Mp4FormatError, boxAt, childBox, parseBoxes, readBoxHeader, serializeBox } from "./mp4-boxes";

/**
 * Per-URL unlinkable MP4 bytes (issue 25, item 6). One delivery rendition served under two URLs
 * must not share its header or its sample-size table, or one 16 KiB Range request recognises a
 * clip shown again. For each URL, derived from an HMAC key of its token:
 *
 * - every H.264 sample gets a filler-data NAL unit appended (ITU-T H.264 §7.3.2.7, nal_unit_type
 *   12: `ff_byte`s then rbsp_trailing_bits; decoders discard it, §7.4.1.2.3 lets it follow the
 *   primary coded picture) of 6–261 bytes, so `stsz` changes, and `stco`/`co64` are rewritten;
 * - the video's composition offsets (`ctts`) are all shifted by 1–16 frame durations and the
 *   edit list's `media_time` by the same amount (§8.6.1.3, §8.6.6), so presentation times stay
 *   exactly the same while every `ctts` entry's bytes change;
 * - `mvhd`/`tkhd`/`mdhd` creation and modification times get a per-URL value; the rendition's
 *   own bitrates (`btrt`, `esds`) are zeroed; `udta`, `meta`, `free` and `skip` boxes are dropped
 *   from `moov` and the file.
 *
 * The decoded frames and their timestamps equal the original's (checked with ffmpeg's framemd5 in
 * tests/integration/blindness/unlinked-bytes.test.ts). What cannot change without re-encoding: the
 * coded slices themselves (every sample's original bytes; hashing them amounts to recognising the
 * decoded content), the sizes of AAC samples (no filler element can be inserted without re-coding
 * the bit stream), `ftyp`, the codec configuration (`avcC`), `stts` and `stss`. See
 * docs/blindness.md. Supported: `ftyp`, `moov`, one `mdat` after it (faststart), any tracks;
 * boxes after the `mdat` are dropped; a file laid out otherwise (moov last, fragmented) is reported
 * as unsupported and the caller falls back to padding only.
 */

/** Where a file's parts are and what each track's samples are, read once per stored file. */
export interface Mp4Index {
  ftyp: Buffer;
  moov: Mp4Box;
  /** Original offset of the first `mdat` payload byte, and its end (exclusive). */
  mdatStart: number;
  mdatEnd: number;
  tracks: TrackIndex[];
  /** Every sample of every track, in file order. */
  samples: { offset: Float64Array; size: Uint32Array; track: Uint16Array; number: Uint32Array };
}

interface TrackIndex {
  trak: Mp4Box;
  sizes: Uint32Array;
  /** For each chunk, the number of its first sample (0-based). */
  chunkFirstSample: Uint32Array;
  /** NAL length-prefix size (1, 2 or 4) of an H.264 track, null for other codecs (no filler). */
  nalLengthSize: number | null;
  /** Duration of the first samples, in the track's timescale (the `ctts` shift unit). */
  sampleDelta: number;
}

/** A file the rewriter does not handle, with the reason (the caller serves it padded only). */
export interface UnsupportedLayout {
  unsupported: string;
}

/** The largest `moov` read (a box table of hours of video); above this the file is unsupported. */
export const MAX_MOOV_BYTES = 16 * 1024 * 1024;

/**
 * How many bytes from the start of the file `indexMp4` needs: up to the `mdat` payload, when the
 * `moov` comes before it. Null when `head` is too short to tell (read more), an UnsupportedLayout
 * when the top level is not ftyp, moov, mdat (free/skip/wide allowed between them).
 */
export function headBytesNeeded(head: Buffer, fileSize: number): number | null | UnsupportedLayout {
  let offset = 0;
  let moov = false;
  while (offset < fileSize) {
    const box = readBoxHeader(head, offset, fileSize);
    if (!box) return null;
    if (box.type === "mdat") {
      if (!moov) return { unsupported: "moov after mdat (not faststart)" };
      return offset + box.headerBytes;
    }
    if (box.type === "moov") {
      if (box.size > MAX_MOOV_BYTES) return { unsupported: `moov of ${box.size} bytes` };
      moov = true;
    } else if (!["ftyp", "free", "skip", "wide"].includes(box.type)) {
      return { unsupported: `top-level ${box.type} box` };
    }
    offset += box.size;
  }
  return { unsupported: "no mdat" };
}

const u32 = (b: Buffer, at: number) => b.readUInt32BE(at);

function nalLengthSizeOf(stsd: Buffer): number | null {
  // stsd: version/flags, entry_count, then sample entries; a visual sample entry has 78 bytes
  // after its header before its child boxes (§12.1.3).
  const entryType = stsd.toString("latin1", 12, 16);
  if (entryType !== "avc1" && entryType !== "avc3") return null;
  const entryEnd = 8 + u32(stsd, 8);
  const avcC = parseBoxes(stsd.subarray(8 + 8 + 78, entryEnd)).find((box) => box.type === "avcC");
  const size = avcC?.payload ? ((avcC.payload[4] ?? 0) & 3) + 1 : null;
  return size === 3 ? null : size;
}

function indexTrack(trak: Mp4Box): { track: TrackIndex; chunkOffsets: number[] } {
  const stbl = boxAt(trak, ["mdia", "minf", "stbl"]);
  const stsz = stbl && childBox(stbl, "stsz")?.payload;
  const stsc = stbl && childBox(stbl, "stsc")?.payload;
  const stco = stbl && (childBox(stbl, "stco") ?? childBox(stbl, "co64"));
  const stsd = stbl && childBox(stbl, "stsd")?.payload;
  const stts = stbl && childBox(stbl, "stts")?.payload;
  if (!stsz || !stsc || !stco?.payload || !stsd || !stts) throw new Mp4FormatError("a track lacks a sample table");
  const count = u32(stsz, 8);
  const constant = u32(stsz, 4);
  const sizes = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) sizes[i] = constant || u32(stsz, 12 + 4 * i);
  const wide = stco.type === "co64";
  const chunkCount = u32(stco.payload, 4);
  const chunkOffsets = Array.from({ length: chunkCount }, (_, i) =>
    wide ? Number(stco.payload!.readBigUInt64BE(8 + 8 * i)) : u32(stco.payload!, 8 + 4 * i),
  );
  const chunkFirstSample = new Uint32Array(chunkCount + 1);
  const entries = u32(stsc, 4);
  let sample = 0;
  for (let e = 0; e < entries; e += 1) {
    const first = u32(stsc, 8 + 12 * e) - 1;
    const next = e + 1 < entries ? u32(stsc, 8 + 12 * (e + 1)) - 1 : chunkCount;
    const perChunk = u32(stsc, 8 + 12 * e + 4);
    for (let c = first; c < next && c < chunkCount; c += 1) {
      chunkFirstSample[c] = sample;
      sample += perChunk;
    }
  }
  chunkFirstSample[chunkCount] = sample;
  if (sample !== count) throw new Mp4FormatError(`stsc covers ${sample} samples, stsz has ${count}`);
  const sampleDelta = u32(stts, 4) > 0 ? u32(stts, 12) : 1;
  return { track: { trak, sizes, chunkFirstSample, nalLengthSize: nalLengthSizeOf(stsd), sampleDelta }, chunkOffsets };
}

/** Indexes a faststart MP4 from its first `headBytesNeeded` bytes; UnsupportedLayout otherwise. */
export function indexMp4(head: Buffer, fileSize: number): Mp4Index | UnsupportedLayout {
  try {
    const needed = headBytesNeeded(head, fileSize);
    if (needed === null) return { unsupported: "head too short" };
    if (typeof needed !== "number") return needed;
    let ftyp: Buffer | null = null;
    let moov: Mp4Box | null = null;
    let offset = 0;
    let mdat = { start: 0, end: 0 };
    for (;;) {
      const box = readBoxHeader(head, offset, fileSize)!;
      if (box.type === "ftyp") ftyp = head.subarray(offset, offset + box.size);
      if (box.type === "moov") moov = parseBoxes(head.subarray(offset, offset + box.size))[0] ?? null;
      if (box.type === "mdat") {
        mdat = { start: offset + box.headerBytes, end: offset + box.size };
        break;
      }
      offset += box.size;
    }
    if (!ftyp || !moov) return { unsupported: "no ftyp or moov" };
    if (mdat.end > fileSize) return { unsupported: "mdat longer than the file" };
    // Anything after the mdat (a trailing free box) is dropped; a fragmented file is not handled.
    if (childBox(moov, "mvex")) return { unsupported: "fragmented MP4 (mvex)" };
    const traks = moov.children.filter((box) => box.type === "trak");
    const indexed = traks.map(indexTrack);
    const total = indexed.reduce((sum, t) => sum + t.track.sizes.length, 0);
    const order: { offset: number; size: number; track: number; number: number }[] = [];
    indexed.forEach(({ track, chunkOffsets }, t) => {
      chunkOffsets.forEach((chunkOffset, c) => {
        let at = chunkOffset;
        for (let s = track.chunkFirstSample[c]!; s < track.chunkFirstSample[c + 1]!; s += 1) {
          order.push({ offset: at, size: track.sizes[s]!, track: t, number: s });
          at += track.sizes[s]!;
        }
      });
    });
    order.sort((a, b) => a.offset - b.offset);
    const samples = {
      offset: new Float64Array(total),
      size: new Uint32Array(total),
      track: new Uint16Array(total),
      number: new Uint32Array(total),
    };
    let end = mdat.start;
    order.forEach((s, i) => {
      if (s.offset < end || s.offset + s.size > mdat.end)
        throw new Mp4FormatError(`sample at ${s.offset} overlaps or leaves mdat`);
      end = s.offset + s.size;
      samples.offset[i] = s.offset;
      samples.size[i] = s.size;
      samples.track[i] = s.track;
      samples.number[i] = s.number;
    });
    return { ftyp, moov, mdatStart: mdat.start, mdatEnd: mdat.end, tracks: indexed.map((t) => t.track), samples };
  } catch (error) {
    if (error instanceof Mp4FormatError || error instanceof RangeError) return { unsupported: error.message };
    throw error;
  }
}

/** One URL's file: its header bytes, then the original `mdat` payload cut into pieces, each followed by filler. */
export interface UnlinkedLayout {
  /** Total length of the rewritten file, in bytes. */
  size: number;
  /** `ftyp`, the rewritten `moov` and the `mdat` header. */
  header: Buffer;
  /** Per piece: its original span [origStart, origEnd), where it starts after the header, and the filler after it. */
  origStart: Float64Array;
  origEnd: Float64Array;
  outStart: Float64Array;
  fill: Uint32Array;
  /** NAL length-prefix size of the piece's filler (0 when it has none). */
  nalLengthSize: Uint8Array;
}

/** The per-URL key the layout derives from (HMAC-SHA256 of the URL's token under the server secret). */
export function deriveUnlinkKey(secret: string, urlToken: string): Buffer {
  return createHmac("sha256", secret).update(`mp4-unlink\0${urlToken}`).digest();
}

/** Smallest filler NAL: its length prefix, the NAL header and the trailing-bits byte (with 4-byte prefixes). */
const FILLER_SPREAD = 256;

function keystream(key: Buffer, bytes: number): Buffer {
  return createCipheriv("aes-256-ctr", key, Buffer.alloc(16)).update(Buffer.alloc(bytes));
}

function fullBox(version: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff));
  return Buffer.concat([head, body]);
}

/** Writes a per-URL time into a mvhd/tkhd/mdhd payload (version 0: 32-bit, version 1: 64-bit seconds since 1904). */
function withTimes(payload: Buffer, seconds: number): Buffer {
  const out = Buffer.from(payload);
  if (out[0] === 1) {
    out.writeBigUInt64BE(BigInt(seconds), 4);
    out.writeBigUInt64BE(BigInt(seconds), 12);
  } else {
    out.writeUInt32BE(seconds, 4);
    out.writeUInt32BE(seconds, 8);
  }
  return out;
}

const DROPPED = new Set(["udta", "meta", "free", "skip"]);

/** Offset of the child boxes in a sample entry (§12.1.3 visual: 78 bytes; §12.2.3 audio: 28, +16/+36 for v1/v2). */
function sampleEntryChildren(entry: Buffer): number | null {
  const type = entry.toString("latin1", 4, 8);
  if (["avc1", "avc3", "hvc1", "hev1", "vp09", "av01"].includes(type)) return 8 + 78;
  if (type !== "mp4a") return null;
  const version = entry.readUInt16BE(16);
  return 8 + 28 + (version === 1 ? 16 : version === 2 ? 36 : 0);
}

/** Reads an MPEG-4 descriptor length (ISO/IEC 14496-1 §8.3.3: up to four 7-bit groups). */
function descriptorLength(bytes: Buffer, at: number): { length: number; next: number } {
  let length = 0;
  let next = at;
  for (let i = 0; i < 4; i += 1) {
    const byte = bytes[next++] ?? 0;
    length = (length << 7) | (byte & 0x7f);
    if ((byte & 0x80) === 0) break;
  }
  return { length, next };
}

/** Zeroes the bitrates of an `esds` payload's DecoderConfigDescriptor (bufferSizeDB, maxBitrate, avgBitrate). */
function zeroEsdsBitrates(esds: Buffer): void {
  if (esds[4] !== 0x03) return;
  let at = descriptorLength(esds, 5).next;
  const flags = esds[at + 2] ?? 0;
  at += 3;
  if (flags & 0x80) at += 2; // streamDependenceFlag: dependsOn_ES_ID
  if (flags & 0x40) at += 1 + (esds[at] ?? 0); // URL_Flag: URLlength, URLstring
  if (flags & 0x20) at += 2; // OCRstreamFlag: OCR_ES_Id
  if (esds[at] !== 0x04) return;
  const config = descriptorLength(esds, at + 1).next;
  if (config + 13 <= esds.length) esds.fill(0, config + 2, config + 13);
}

/**
 * The sample descriptions with their clip-specific bitrates zeroed (`btrt` and `esds` carry the
 * rendition's own buffer size, peak and mean bitrate: a fingerprint the filler would not change).
 * Zero means "unknown" to every player; sizes are unchanged.
 */
function neutraliseBitrates(stsd: Buffer): Buffer {
  const out = Buffer.from(stsd);
  let at = 8;
  for (let e = 0; e < u32(stsd, 4) && at + 8 <= out.length; e += 1) {
    const size = u32(out, at);
    const entry = out.subarray(at, at + size);
    const children = sampleEntryChildren(entry);
    if (children !== null) {
      let child = children;
      while (child + 8 <= entry.length) {
        const childSize = u32(entry, child);
        if (childSize < 8) break;
        const type = entry.toString("latin1", child + 4, child + 8);
        if (type === "btrt") entry.fill(0, child + 8, Math.min(child + childSize, child + 20));
        if (type === "esds") zeroEsdsBitrates(entry.subarray(child + 8, child + childSize));
        child += childSize;
      }
    }
    at += size;
  }
  return out;
}

/**
 * The rewritten `moov` for given per-sample sizes, chunk offsets and shifts. Rebuilds the tree,
 * replacing stsz, stco/co64, ctts and elst of each track and the times of mvhd/tkhd/mdhd.
 */
function rewriteMoov(
  index: Mp4Index,
  sizes: Uint32Array[],
  chunkOffsets: number[][],
  cttsShift: number[],
  seconds: number,
): Mp4Box {
  let trackNumber = -1;
  const rewrite = (box: Mp4Box, track: number): Mp4Box | null => {
    if (DROPPED.has(box.type)) return null;
    if (box.type === "trak") trackNumber += 1;
    const t = box.type === "trak" ? trackNumber : track;
    if (box.payload === null)
      return {
        ...box,
        children: box.children.map((child) => rewrite(child, t)).filter((c): c is Mp4Box => c !== null),
      };
    const p = box.payload;
    switch (box.type) {
      case "stsd":
        return { ...box, payload: neutraliseBitrates(p) };
      case "mvhd":
      case "tkhd":
      case "mdhd":
        return { ...box, payload: withTimes(p, seconds) };
      case "stsz": {
        const table = sizes[t]!;
        const body = Buffer.alloc(8 + 4 * table.length);
        body.writeUInt32BE(table.length, 4);
        table.forEach((size, i) => body.writeUInt32BE(size, 8 + 4 * i));
        return { type: "stsz", payload: fullBox(0, 0, body), children: [] };
      }
      case "stco":
      case "co64": {
        const offsets = chunkOffsets[t]!;
        const wide = offsets.some((o) => o > 0xffff_ffff);
        const body = Buffer.alloc(4 + (wide ? 8 : 4) * offsets.length);
        body.writeUInt32BE(offsets.length, 0);
        offsets.forEach((o, i) => (wide ? body.writeBigUInt64BE(BigInt(o), 4 + 8 * i) : body.writeUInt32BE(o, 4 + 4 * i)));
        return { type: wide ? "co64" : "stco", payload: fullBox(0, 0, body), children: [] };
      }
      case "ctts": {
        const out = Buffer.from(p);
        const shift = cttsShift[t] ?? 0;
        for (let e = 0; e < u32(p, 4); e += 1) out.writeUInt32BE((u32(p, 12 + 8 * e) + shift) >>> 0, 12 + 8 * e);
        return { ...box, payload: out };
      }
      case "elst": {
        const out = Buffer.from(p);
        const shift = cttsShift[t] ?? 0;
        const v1 = p[0] === 1;
        for (let e = 0; e < u32(p, 4); e += 1) {
          const at = 8 + (v1 ? 20 : 12) * e + (v1 ? 8 : 4);
          const mediaTime = v1 ? Number(p.readBigInt64BE(at)) : p.readInt32BE(at);
          if (mediaTime < 0) continue; // an empty edit
          if (v1) out.writeBigInt64BE(BigInt(mediaTime + shift), at);
          else out.writeInt32BE(mediaTime + shift, at);
        }
        return { ...box, payload: out };
      }
      default:
        return box;
    }
  };
  return rewrite(index.moov, -1)!;
}

/**
 * The layout of the file one URL gets (see the module comment), from the file's index and the
 * URL's key. Deterministic: the same key always gives the same bytes.
 */
export function planUnlinkedLayout(index: Mp4Index, key: Buffer): UnlinkedLayout {
  const { samples, tracks } = index;
  const random = keystream(key, 16 + 2 * samples.size.length);
  // A time in 2020–2027, in seconds since 1904-01-01 (the MP4 epoch).
  const seconds = 3_660_681_600 + (random.readUInt32BE(0) % (8 * 365 * 86_400));
  const cttsShift = tracks.map((track, t) => {
    const hasEdit = boxAt(track.trak, ["edts", "elst"]) !== undefined;
    const hasCtts = boxAt(track.trak, ["mdia", "minf", "stbl", "ctts"]) !== undefined;
    return hasEdit && hasCtts ? track.sampleDelta * (1 + (random.readUInt8(4 + t) % 16)) : 0;
  });
  const fillOf = (i: number, lengthSize: number) => {
    const fill = lengthSize + 2 + (random.readUInt16BE(16 + 2 * i) % FILLER_SPREAD);
    return lengthSize === 1 ? Math.min(fill, 256) : fill;
  };
  return planFilledLayout(index, fillOf, cttsShift, seconds);
}

/** The rewritten header's length per indexed file, the first guess of its later layouts. */
const headerLengths = new WeakMap<Mp4Index, number>();

/**
 * A file whose H.264 samples each get a filler NAL unit of `fillOf(sample, lengthSize)` bytes (0:
 * none) appended, `ctts`/`elst` shifted per track by `cttsShift`, header times set to `seconds`.
 */
function planFilledLayout(
  index: Mp4Index,
  fillOf: (sample: number, lengthSize: number) => number,
  cttsShift: number[],
  seconds: number,
): UnlinkedLayout {
  const { samples, tracks } = index;
  const count = samples.size.length;
  const pieces = count + 1;
  const layout = {
    origStart: new Float64Array(pieces),
    origEnd: new Float64Array(pieces),
    outStart: new Float64Array(pieces),
    fill: new Uint32Array(pieces),
    nalLengthSize: new Uint8Array(pieces),
  };
  const sizes = tracks.map((t) => Uint32Array.from(t.sizes));
  const sampleOut = tracks.map((t) => new Float64Array(t.sizes.length));
  let orig = index.mdatStart;
  let out = 0;
  for (let i = 0; i < pieces; i += 1) {
    const last = i === count;
    const end = last ? index.mdatEnd : samples.offset[i]! + samples.size[i]!;
    const t = last ? -1 : samples.track[i]!;
    const lengthSize = last ? null : tracks[t]!.nalLengthSize;
    layout.origStart[i] = orig;
    layout.origEnd[i] = end;
    layout.outStart[i] = out;
    layout.fill[i] = lengthSize === null ? 0 : fillOf(i, lengthSize);
    layout.nalLengthSize[i] = lengthSize ?? 0;
    if (!last) {
      sampleOut[t]![samples.number[i]!] = out + (samples.offset[i]! - orig);
      sizes[t]![samples.number[i]!]! += layout.fill[i]!;
    }
    out += end - orig + layout.fill[i]!;
    orig = end;
  }
  const bodyBytes = out;
  // Chunk offsets depend on the header's length, which depends on the offsets only if stco must
  // become co64: two passes settle it. The length is the same for every URL of a file (no box
  // size depends on the key), so a file's later layouts start from it and take one pass.
  let headerBytes = headerLengths.get(index) ?? 0;
  let header = Buffer.alloc(0);
  for (let pass = 0; pass < 3; pass += 1) {
    const chunkOffsets = tracks.map((track, t) =>
      Array.from(track.chunkFirstSample.subarray(0, -1), (first) => headerBytes + sampleOut[t]![first]!),
    );
    const moov = serializeBox(rewriteMoov(index, sizes, chunkOffsets, cttsShift, seconds));
    const large = bodyBytes + 8 > 0xffff_ffff;
    const mdatHeader = Buffer.alloc(large ? 16 : 8);
    mdatHeader.writeUInt32BE(large ? 1 : bodyBytes + 8, 0);
    mdatHeader.write("mdat", 4, "latin1");
    if (large) mdatHeader.writeBigUInt64BE(BigInt(bodyBytes + 16), 8);
    header = Buffer.concat([index.ftyp, moov, mdatHeader]);
    if (header.length === headerBytes) break;
    headerBytes = header.length;
  }
  headerLengths.set(index, header.length);
  return { size: header.length + bodyBytes, header, ...layout };
}

/**
 * Writes bytes [from, from + length) of a filler NAL of `fill` bytes with `lengthSize`-byte prefix
 * into `target`: 0xff everywhere but the length prefix, the NAL header and the stop bit.
 */
function writeFiller(target: Uint8Array, at: number, fill: number, lengthSize: number, from: number, length: number): void {
  target.fill(0xff, at, at + length);
  const to = from + length;
  for (let k = from; k < Math.min(to, lengthSize); k += 1) target[at + k - from] = ((fill - lengthSize) >>> (8 * (lengthSize - 1 - k))) & 0xff;
  if (lengthSize >= from && lengthSize < to) target[at + lengthSize - from] = 0x0c; // forbidden_zero_bit 0, nal_ref_idc 0, type 12
  if (fill - 1 >= from && fill - 1 < to) target[at + fill - 1 - from] = 0x80; // rbsp_stop_one_bit, then alignment zeros
}

/**
 * Bytes `start..end` (inclusive) of the layout's file as a ByteSource. `openOriginal(from, to)`
 * opens the stored file's bytes `from..to` (inclusive); it is called at most once, for one
 * contiguous span. Each read puts the stored bytes it needs at the end of the caller's buffer in
 * one read, then moves each sample's bytes down to its place and writes the filler after it (the
 * moves only go down: the fillers still to come are what lies between), so nothing is allocated
 * or awaited per sample.
 */
export async function openUnlinkedSource(
  layout: UnlinkedLayout,
  start: number,
  end: number,
  openOriginal: (from: number, to: number) => Promise<ByteSource>,
): Promise<ByteSource> {
  const H = layout.header.length;
  const pieces = layout.outStart.length;
  const pieceAt = (body: number) => {
    let lo = 0;
    let hi = pieces - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (layout.outStart[mid]! <= body) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The stored offset of the first stored byte at or after body offset `body` (mdatEnd past the end). */
  const origAt = (body: number) => {
    const piece = pieceAt(body);
    return layout.origStart[piece]! + Math.min(body - layout.outStart[piece]!, layout.origEnd[piece]! - layout.origStart[piece]!);
  };
  let original: ByteSource | null = null;
  if (end >= H) {
    const from = origAt(Math.max(start, H) - H);
    const to = origAt(end + 1 - H) - 1;
    if (to >= from) original = await openOriginal(from, to);
  }
  let position = start;
  return {
    length: end - start + 1,
    async read(target) {
      const length = Math.min(target.length, end + 1 - position);
      if (length <= 0) return 0;
      let out = 0;
      if (position < H) {
        out = Math.min(H - position, length);
        target.set(layout.header.subarray(position, position + out), 0);
        position += out;
      }
      if (out < length) {
        let body = position - H;
        const stored = origAt(body + length - out) - origAt(body);
        let src = length - stored;
        if (stored > 0) await readExactly(original!, target.subarray(src, length));
        let piece = pieceAt(body);
        while (out < length) {
          const within = body - layout.outStart[piece]!;
          const origLength = layout.origEnd[piece]! - layout.origStart[piece]!;
          const fill = layout.fill[piece]!;
          let n: number;
          if (within < origLength) {
            n = Math.min(origLength - within, length - out);
            if (src !== out) target.copyWithin(out, src, src + n);
            src += n;
          } else if (within < origLength + fill) {
            n = Math.min(origLength + fill - within, length - out);
            writeFiller(target, out, fill, layout.nalLengthSize[piece]!, within - origLength, n);
          } else {
            piece += 1;
            continue;
          }
          out += n;
          body += n;
        }
        position = H + body;
      }
      return length;
    },
    close: async () => original?.close(),
  };
}

/**
 * The whole rewritten file assembled in memory from the stored file's bytes: the plain reference
 * for `openUnlinkedRange` (tests, tools); the server never holds a whole file.
 */
export function assembleUnlinked(layout: UnlinkedLayout, stored: Uint8Array): Buffer {
  const out = Buffer.alloc(layout.size);
  layout.header.copy(out, 0);
  let at = layout.header.length;
  for (let i = 0; i < layout.fill.length; i += 1) {
    out.set(stored.subarray(layout.origStart[i], layout.origEnd[i]), at);
    at += layout.origEnd[i]! - layout.origStart[i]!;
    const fill = layout.fill[i]!;
    if (fill > 0) writeFiller(out, at, fill, layout.nalLengthSize[i]!, 0, fill);
    at += fill;
  }
  return out;
}
