import { type ByteSource, view } from "./byte-source";
import type { VideoInfo } from "./probe-video";

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;

/** Bounds the walk of the Segment, so a file of millions of tiny elements cannot keep us busy. */
const MAX_ELEMENTS = 100_000;
/** The EBML header, Info and Tracks are a few KB at most (Tracks holds codec headers); bigger means corrupt. */
const MAX_MASTER = 1 << 20;

/** An element header: its ID, the size of its data (null when "unknown", as live muxers write) and where the data starts. */
interface Header {
  id: number;
  size: number | null;
  data: number;
}

/** Reads a variable-length integer's length from its first byte (1 to 8), or 0 when the byte is 0 (invalid). */
function vintLength(first: number): number {
  return first === 0 ? 0 : Math.clz32(first) - 23;
}

/** The element header at `pos` in `bytes`, or null when it is invalid or does not fit. */
function parseHeader(bytes: Uint8Array, pos: number): Header | null {
  const idLength = vintLength(bytes[pos] ?? 0);
  if (idLength === 0 || idLength > 4) return null;
  const sizePos = pos + idLength;
  const sizeLength = vintLength(bytes[sizePos] ?? 0);
  if (sizeLength === 0 || sizePos + sizeLength > bytes.length) return null;
  let id = 0;
  for (let i = pos; i < sizePos; i++) id = id * 256 + bytes[i]!;
  // The size's marker bit is dropped; all value bits set means "unknown size".
  const mask = 0xff >> sizeLength;
  let size = bytes[sizePos]! & mask;
  let allOnes = size === mask;
  for (let i = sizePos + 1; i < sizePos + sizeLength; i++) {
    size = size * 256 + bytes[i]!;
    allOnes &&= bytes[i] === 0xff;
  }
  if (!allOnes && size > Number.MAX_SAFE_INTEGER) return null;
  return { id, size: allOnes ? null : size, data: sizePos + sizeLength };
}

/** The child elements of an in-memory master element; stops at the first invalid or overrunning child. */
function* children(bytes: Uint8Array): Generator<{ id: number; body: Uint8Array }> {
  for (let pos = 0; pos < bytes.length; ) {
    const header = parseHeader(bytes, pos);
    if (!header || header.size === null || header.data + header.size > bytes.length) return;
    yield { id: header.id, body: bytes.subarray(header.data, header.data + header.size) };
    pos = header.data + header.size;
  }
}

function uint(body: Uint8Array): number {
  return body.reduce((value, byte) => value * 256 + byte, 0);
}

function float(body: Uint8Array): number {
  if (body.length === 4) return view(body).getFloat32(0);
  if (body.length === 8) return view(body).getFloat64(0);
  return NaN;
}

/** An element's header read from the file (an ID is at most 4 bytes and a size at most 8). */
async function readHeader(src: ByteSource, offset: number): Promise<Header | null> {
  const header = parseHeader(await src.read(offset, 12), 0);
  return header && { ...header, data: offset + header.data };
}

/** Reads a master element whole, refusing absurd sizes and elements running past `end`. */
async function readMaster(src: ByteSource, header: Header, end: number): Promise<Uint8Array | null> {
  if (header.size === null || header.size > MAX_MASTER || header.data + header.size > end) return null;
  return src.read(header.data, header.size);
}

/** Duration from Segment/Info and pixel size from the first video TrackEntry; Clusters are skipped by their size. */
export async function probeWebm(src: ByteSource): Promise<VideoInfo | null> {
  const ebml = await readHeader(src, 0);
  const ebmlBody = ebml?.id === EBML ? await readMaster(src, ebml, src.size) : null;
  if (!ebml || !ebmlBody) return null;
  for (const { id, body } of children(ebmlBody)) {
    const docType = id === DOC_TYPE ? new TextDecoder().decode(body).replace(/\0+$/, "") : null;
    if (docType !== null && docType !== "webm" && docType !== "matroska") return null;
  }

  // The Segment follows the EBML header (rarely after Void elements, which are skipped like anything else).
  let segment: Header | null = null;
  for (let offset = ebml.data + ebmlBody.length, count = 0; !segment && offset < src.size && count < 16; count++) {
    const header = await readHeader(src, offset);
    if (!header) return null;
    if (header.id === SEGMENT) segment = header;
    else if (header.size === null) return null;
    else offset = header.data + header.size;
  }
  // A known-size Segment running past the end means the upload was cut short.
  if (!segment || (segment.size !== null && segment.data + segment.size > src.size)) return null;
  const end = segment.size === null ? src.size : segment.data + segment.size;

  // Undefined until the element is seen; Info and Tracks come before the Clusters in practice, so this ends early.
  let durationMs: number | undefined;
  let size: { width: number; height: number } | null | undefined;
  for (let offset = segment.data, count = 0; offset < end && count < MAX_ELEMENTS; count++) {
    const header = await readHeader(src, offset);
    // An unknown-size child (a live-muxed Cluster) cannot be skipped: stop with what we have.
    if (!header || header.size === null || header.data + header.size > end) break;
    if (header.id === INFO) {
      const info = await readMaster(src, header, end);
      if (!info) return null;
      let scale = 1_000_000; // ns per timecode unit, the default when TimecodeScale is absent
      let duration = NaN; // MediaRecorder output often has none: then the file is rejected
      for (const { id, body } of children(info)) {
        if (id === TIMECODE_SCALE) scale = uint(body);
        else if (id === DURATION) duration = float(body);
      }
      durationMs = (duration * scale) / 1_000_000;
    } else if (header.id === TRACKS) {
      const tracks = await readMaster(src, header, end);
      if (!tracks) return null;
      size = videoTrackSize(tracks);
    }
    if (durationMs !== undefined && size !== undefined) return size && { durationMs, ...size };
    offset = header.data + header.size;
  }
  return null;
}

/** The pixel size of the first video TrackEntry (TrackType 1) in a Tracks element. */
function videoTrackSize(tracks: Uint8Array): { width: number; height: number } | null {
  for (const entry of children(tracks)) {
    if (entry.id !== TRACK_ENTRY) continue;
    let type = 0;
    let width = 0;
    let height = 0;
    for (const { id, body } of children(entry.body)) {
      if (id === TRACK_TYPE) type = uint(body);
      else if (id === VIDEO) {
        for (const field of children(body)) {
          if (field.id === PIXEL_WIDTH) width = uint(field.body);
          else if (field.id === PIXEL_HEIGHT) height = uint(field.body);
        }
      }
    }
    if (type === 1 && width > 0 && height > 0) return { width, height };
  }
  return null;
}
