import { type Mp4Box, boxAt, childBox } from "./mp4-boxes";
import { indexMp4 } from "./mp4-unlink";

/**
 * A frame's type as x264's `--qpfile` names it (x264 CLI help): `I` an IDR picture, `i` a non-IDR
 * I picture, `P`, `B` a B picture other pictures refer to (b-pyramid), `b` one none refers to.
 */
export type QpfileFrameType = "I" | "i" | "P" | "B" | "b";

/** The H.264 track of a rendition as a twin encode copies it: per sample, in decode order. */
export interface H264Frames {
  /** Sample sizes in bytes (`stsz`). */
  sizes: Uint32Array;
  /** Each sample's frame type, from its first slice's NAL header and slice header. */
  types: QpfileFrameType[];
  /** The samples in presentation order: `display[n]` is the decode-order number of the n-th frame shown. */
  display: number[];
  /** The samples' bytes (length-prefixed NAL units, as stored). */
  data: Buffer[];
  /** The codec configuration's SPS and PPS NAL units (`avcC`, ISO/IEC 14496-15 §5.3.3.1). */
  parameterSets: Buffer[];
}

/** Reads Exp-Golomb ue(v) codes (H.264 §9.1) from a slice header's first bytes. */
function unsignedCodes(rbsp: Buffer, count: number): number[] {
  let bit = 0;
  const read = () => ((rbsp[bit >> 3] ?? 0) >> (7 - (bit++ & 7))) & 1;
  return Array.from({ length: count }, () => {
    let zeros = 0;
    while (read() === 0 && zeros < 32) zeros += 1;
    let value = 0;
    for (let i = 0; i < zeros; i += 1) value = value * 2 + read();
    return 2 ** zeros - 1 + value;
  });
}

/** The first bytes of a NAL unit's payload with emulation-prevention bytes removed (§7.4.1). */
function rbspHead(nal: Buffer, bytes: number): Buffer {
  const out: number[] = [];
  for (let i = 1; i < nal.length && out.length < bytes; i += 1) {
    if (nal[i] === 3 && out.length >= 2 && out[out.length - 1] === 0 && out[out.length - 2] === 0) continue;
    out.push(nal[i]!);
  }
  return Buffer.from(out);
}

/** The frame type of one sample (4-byte length-prefixed NAL units): from its first coded slice. */
export function frameTypeOf(sample: Buffer): QpfileFrameType {
  for (let at = 0; at + 5 <= sample.length; at += 4 + sample.readUInt32BE(at)) {
    const nal = sample.subarray(at + 4, at + 4 + sample.readUInt32BE(at));
    const nalType = nal[0]! & 0x1f;
    if (nalType !== 1 && nalType !== 5) continue;
    if (nalType === 5) return "I";
    // slice_header(): first_mb_in_slice, slice_type (§7.3.3); slice_type % 5: 0 P, 1 B, 2 I.
    const sliceType = unsignedCodes(rbspHead(nal, 12), 2)[1]! % 5;
    if (sliceType === 2) return "i";
    if (sliceType === 0) return "P";
    return (nal[0]! >> 5) & 3 ? "B" : "b";
  }
  throw new Error("a sample without a coded slice");
}

/** Presentation order from `stts` (decode deltas) and `ctts` (composition offsets, §8.6.1). */
function displayOrder(stbl: Mp4Box, count: number): number[] {
  const stts = childBox(stbl, "stts")!.payload!;
  const ctts = childBox(stbl, "ctts")?.payload;
  const times: number[] = [];
  let dts = 0;
  for (let e = 0; e < stts.readUInt32BE(4); e += 1)
    for (let s = 0; s < stts.readUInt32BE(8 + 8 * e); s += 1) {
      times.push(dts);
      dts += stts.readUInt32BE(12 + 8 * e);
    }
  if (ctts) {
    const signed = ctts[0] === 1;
    let sample = 0;
    for (let e = 0; e < ctts.readUInt32BE(4); e += 1) {
      const offset = signed ? ctts.readInt32BE(12 + 8 * e) : ctts.readUInt32BE(12 + 8 * e);
      for (let s = 0; s < ctts.readUInt32BE(8 + 8 * e); s += 1) times[sample++]! += offset;
    }
  }
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
}

/** The SPS and PPS NAL units of an `avcC` payload. */
function parameterSetsOf(avcC: Buffer): Buffer[] {
  const sets: Buffer[] = [];
  let at = 5;
  for (const mask of [0x1f, 0xff]) {
    const count = avcC[at]! & mask;
    at += 1;
    for (let i = 0; i < count; i += 1) {
      const length = avcC.readUInt16BE(at);
      sets.push(avcC.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
  }
  return sets;
}

/**
 * The H.264 frames of a faststart MP4 with one H.264 track of 4-byte NAL lengths (a delivery
 * rendition): sizes, frame types, presentation order, sample bytes and parameter sets. Throws
 * when the file is not such a rendition.
 */
export function h264FramesOf(file: Buffer): H264Frames {
  const index = indexMp4(file, file.length);
  if ("unsupported" in index) throw new Error(`rendition not indexable: ${index.unsupported}`);
  const t = index.tracks.findIndex((track) => track.nalLengthSize === 4);
  const track = index.tracks[t];
  if (!track) throw new Error("rendition without an H.264 track of 4-byte NAL lengths");
  const data: Buffer[] = Array.from(track.sizes, () => Buffer.alloc(0));
  index.samples.track.forEach((owner, i) => {
    const offset = index.samples.offset[i]!;
    if (owner === t) data[index.samples.number[i]!] = file.subarray(offset, offset + index.samples.size[i]!);
  });
  const stbl = boxAt(track.trak, ["mdia", "minf", "stbl"])!;
  const stsd = childBox(stbl, "stsd")!.payload!;
  const avcC = stsd.indexOf("avcC", 16, "latin1");
  const avcCSize = stsd.readUInt32BE(avcC - 4);
  return {
    sizes: track.sizes,
    types: data.map(frameTypeOf),
    display: displayOrder(stbl, data.length),
    data,
    parameterSets: parameterSetsOf(stsd.subarray(avcC + 4, avcC - 4 + avcCSize)),
  };
}
