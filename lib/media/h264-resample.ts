import { boxAt, childBox, serializeBox } from "./mp4-boxes";
import { indexMp4 } from "./mp4-unlink";

/** An H.264 Annex B stream cut into samples: each coded picture's NAL units, length-prefixed. */
export interface AnnexBPictures {
  /** One sample per coded picture in decode order: its slices as 4-byte length-prefixed NAL units. */
  samples: Buffer[];
  /** The distinct SPS and PPS NAL units of the stream, in order of appearance. */
  parameterSets: Buffer[];
}

/** The NAL units of an Annex B byte stream (H.264 Annex B: split at 0x000001 start codes). */
function nalUnitsOf(stream: Buffer): Buffer[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < stream.length; i += 1)
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      starts.push(i + 3);
      i += 2;
    }
  return starts.map((start, n) => {
    let end = n + 1 < starts.length ? starts[n + 1]! - 3 : stream.length;
    while (end > start && stream[end - 1] === 0) end -= 1; // a 4-byte start code's zero, trailing_zero_8bits
    return stream.subarray(start, end);
  });
}

/**
 * Cuts an Annex B stream (x264's raw output) into per-picture samples as an MP4 stores them:
 * coded slices only (a slice whose first_mb_in_slice is 0, the bit after the NAL header set,
 * starts a picture), SPS and PPS set apart for the codec configuration, SEI and access unit
 * delimiters dropped (every rendition's SEI units are removed too, lib/media/transcode.ts).
 */
export function picturesOfAnnexB(stream: Buffer): AnnexBPictures {
  const samples: Buffer[][] = [];
  const parameterSets: Buffer[] = [];
  for (const nal of nalUnitsOf(stream)) {
    const type = nal[0]! & 0x1f;
    if (type === 7 || type === 8) {
      if (!parameterSets.some((set) => set.equals(nal))) parameterSets.push(nal);
    } else if (type === 1 || type === 5) {
      const prefixed = Buffer.alloc(4 + nal.length);
      prefixed.writeUInt32BE(nal.length, 0);
      nal.copy(prefixed, 4);
      if ((nal[1]! & 0x80) !== 0 || samples.length === 0) samples.push([prefixed]);
      else samples[samples.length - 1]!.push(prefixed);
    }
  }
  return { samples: samples.map((parts) => Buffer.concat(parts)), parameterSets };
}

/**
 * A copy of `template` (a faststart MP4 with one track, a delivery rendition) whose samples are
 * `samples` instead of its own: the same `ftyp` and `moov` (timestamps, composition offsets, sync
 * samples, codec configuration) but for the sample sizes (`stsz`) and chunk offsets (`stco`,
 * `co64`), and a new `mdat`. The caller vouches that the samples are coded pictures of the same
 * types in the same order under the same parameter sets. Throws when the sample counts differ.
 */
export function withSamples(template: Buffer, samples: readonly Buffer[]): Buffer {
  const index = indexMp4(template, template.length);
  if ("unsupported" in index) throw new Error(`template not indexable: ${index.unsupported}`);
  const [track, ...others] = index.tracks;
  if (!track || others.length > 0) throw new Error("the template must have exactly one track");
  if (samples.length !== track.sizes.length)
    throw new Error(`${samples.length} pictures for a template of ${track.sizes.length} samples`);
  const stbl = boxAt(track.trak, ["mdia", "minf", "stbl"])!;
  const stsz = childBox(stbl, "stsz")!;
  const sizes = Buffer.alloc(12 + 4 * samples.length);
  sizes.writeUInt32BE(samples.length, 8);
  samples.forEach((sample, i) => sizes.writeUInt32BE(sample.length, 12 + 4 * i));
  stsz.payload = sizes;
  // stsz and stco keep their lengths, so the moov's size and the mdat's start do not move.
  const mdatHeader = 8;
  const payloadStart = index.ftyp.length + serializeBox(index.moov).length + mdatHeader;
  const chunks = (childBox(stbl, "stco") ?? childBox(stbl, "co64"))!;
  const wide = chunks.type === "co64";
  const offsets = Buffer.from(chunks.payload!);
  let at = payloadStart;
  let sample = 0;
  for (let c = 0; c < offsets.readUInt32BE(4); c += 1) {
    if (wide) offsets.writeBigUInt64BE(BigInt(at), 8 + 8 * c);
    else offsets.writeUInt32BE(at, 8 + 4 * c);
    for (; sample < track.chunkFirstSample[c + 1]!; sample += 1) at += samples[sample]!.length;
  }
  chunks.payload = offsets;
  const body = Buffer.concat(samples);
  const mdat = Buffer.alloc(mdatHeader);
  mdat.writeUInt32BE(mdatHeader + body.length, 0);
  mdat.write("mdat", 4, "latin1");
  return Buffer.concat([index.ftyp, serializeBox(index.moov), mdat, body]);
}
