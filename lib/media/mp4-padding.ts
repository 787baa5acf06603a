import { createCipheriv, createHmac } from "node:crypto";

/**
 * Per-URL padding for MP4 delivery renditions, so that one rendition served under two URLs never
 * has the same size or hash (ISO/IEC 14496-12 §8.1.2: a top-level `free` box is ignored by
 * players). The box is appended after the last top-level box; with faststart renditions that is
 * after `mdat`, so no sample offset in `moov` moves and the file plays and seeks as before.
 *
 * Everything is derived from an HMAC-SHA256 of the URL's token, so every request for one URL gets
 * the same bytes (Range requests stay consistent) while URLs cannot be linked by size or hash.
 */

/** An inclusive byte range (the same shape as lib/http/range.ts, which the bottom layer may not import). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Smallest payload of the padding box, in bytes. */
export const MIN_PADDING_BYTES = 1024;
/** The payload length varies over this many bytes (uniform from the HMAC). */
export const PADDING_SPREAD_BYTES = 65_536;
const BOX_HEADER_BYTES = 8;

/** The padding one URL gets: the whole `free` box's length and the key of its payload's keystream. */
export interface PaddingSpec {
  /** Length of the `free` box in bytes, header included. */
  boxLength: number;
  /** AES-256 key whose CTR keystream fills the payload (so equal lengths still hash apart). */
  key: Buffer;
}

/** The padding for the URL identified by `urlToken` (e.g. `battle:<token>:a`), keyed by `secret`. */
export function derivePadding(secret: string, urlToken: string): PaddingSpec {
  const mac = (label: string) => createHmac("sha256", secret).update(`mp4-padding/${label}\0${urlToken}`).digest();
  const payload = MIN_PADDING_BYTES + (mac("length").readUInt32BE(0) % PADDING_SPREAD_BYTES);
  return { boxLength: BOX_HEADER_BYTES + payload, key: mac("key") };
}

/** Where the bytes of a range of the padded file come from: the stored file, the box, or both. */
export interface PaddedRead {
  /** Inclusive range of the stored file to read, or null. */
  file: ByteRange | null;
  /** Inclusive range within the padding box (0 = its first header byte), or null. */
  padding: ByteRange | null;
}

/**
 * Maps a range of the padded file (`fileSize + boxLength` bytes long; the range must lie inside
 * it, as `parseRange` guarantees) to the reads that produce it, in order: file bytes first.
 */
export function planPaddedRead(fileSize: number, boxLength: number, range: ByteRange): PaddedRead {
  if (range.start < 0 || range.end < range.start || range.end >= fileSize + boxLength)
    throw new RangeError(`range ${range.start}-${range.end} outside a padded file of ${fileSize + boxLength} bytes`);
  return {
    file: range.start < fileSize ? { start: range.start, end: Math.min(range.end, fileSize - 1) } : null,
    padding:
      range.end >= fileSize ? { start: Math.max(range.start, fileSize) - fileSize, end: range.end - fileSize } : null,
  };
}

/**
 * Bytes `start..end` (inclusive) of the padding box: a big-endian 32-bit size and `free`, then the
 * AES-256-CTR keystream at that offset of the payload. At most one box long, never the whole file.
 */
export function paddingBytes(spec: PaddingSpec, range: ByteRange): Uint8Array {
  const box = new Uint8Array(range.end - range.start + 1);
  const header = Buffer.alloc(BOX_HEADER_BYTES);
  header.writeUInt32BE(spec.boxLength, 0);
  header.write("free", 4, "latin1");
  for (let i = range.start; i <= Math.min(range.end, BOX_HEADER_BYTES - 1); i += 1) box[i - range.start] = header[i] ?? 0;
  const payloadStart = Math.max(range.start, BOX_HEADER_BYTES) - BOX_HEADER_BYTES;
  const payloadEnd = range.end - BOX_HEADER_BYTES;
  if (payloadEnd >= payloadStart) {
    const block = Math.floor(payloadStart / 16);
    const iv = Buffer.alloc(16);
    iv.writeUInt32BE(block, 12);
    const cipher = createCipheriv("aes-256-ctr", spec.key, iv);
    const skip = payloadStart - block * 16;
    const stream = cipher.update(Buffer.alloc(skip + payloadEnd - payloadStart + 1));
    box.set(stream.subarray(skip), payloadStart + BOX_HEADER_BYTES - range.start);
  }
  return box;
}
