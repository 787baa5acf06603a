import { open } from "node:fs/promises";
import { type ByteSource, fileSource } from "./byte-source";
import { probeMp4 } from "./probe-mp4";
import { probeWebm } from "./probe-webm";

export interface VideoInfo {
  durationMs: number;
  width: number;
  height: number;
}

/** Top-level box types a MP4/MOV file starts with (QuickTime files may lack `ftyp`). */
const ISO_BMFF_FIRST_BOXES = new Set(["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"]);
/** Wider than any real video (MP4 stores dimensions in 16 bits); anything larger is garbage. */
const MAX_DIMENSION = 65_535;

/**
 * Reads duration and dimensions from a video file on disk; null when the file is not a readable
 * MP4/MOV/WebM or lacks them. Reads only headers at offsets (never the whole file), and never
 * throws: a file that cannot be opened, is truncated or is malformed gives null.
 */
export async function probeVideo(file: string): Promise<VideoInfo | null> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
    const src = fileSource(handle, (await handle.stat()).size);
    return checked(await probeContainer(src));
  } catch {
    // The parsers throw (or hit DataView range errors) on malformed structures; that is "not readable".
    return null;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Dispatches on the first bytes: the EBML magic for WebM, a known first box type for MP4/MOV. */
async function probeContainer(src: ByteSource): Promise<VideoInfo | null> {
  const head = await src.read(0, 8);
  if (head.length < 8) return null;
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return probeWebm(src);
  if (ISO_BMFF_FIRST_BOXES.has(String.fromCharCode(...head.subarray(4, 8)))) return probeMp4(src);
  return null;
}

/** Rounds the duration and rejects values no real video has (zero, negative, NaN, overflowing). */
function checked(info: VideoInfo | null): VideoInfo | null {
  if (!info) return null;
  const durationMs = Math.round(info.durationMs);
  const { width, height } = info;
  if (!Number.isSafeInteger(durationMs) || durationMs <= 0) return null;
  if (![width, height].every((n) => Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION)) return null;
  return { durationMs, width, height };
}
