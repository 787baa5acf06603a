/**
 * One delivery format per prompt (issue 25, item 1): every clip of a prompt is served at the same
 * canvas, frame rate and length, so neither side of a battle can be told apart by its size, rate,
 * frame count or duration. The format follows from the clips' true facts alone, so it is the same
 * whichever order they were imported in, and a re-run that adds nothing derives the same format.
 */

/** The true facts of a clip that decide its prompt's format (as probed from the original). */
export interface ClipFacts {
  width: number;
  height: number;
  /** Frames per second; null where ffprobe could not tell. */
  frameRate: number | null;
  durationMs: number;
}

/** What every rendition of one prompt is rendered to. */
export interface DeliveryFormat {
  /** Canvas in pixels, both even (H.264 4:2:0 needs even sizes). */
  width: number;
  height: number;
  /** Constant frame rate as ffmpeg reads it: an integer (`"24"`) or an NTSC ratio (`"30000/1001"`). */
  frameRate: string;
  /** Length of every rendition, in milliseconds. */
  lengthMs: number;
}

/** The largest canvas served: 1920×1080 (1080×1920 for portrait canvases). */
export const MAX_CANVAS = { long: 1920, short: 1080 } as const;
/** The highest frame rate served; faster clips lose frames, slower ones repeat frames. */
export const MAX_FRAME_RATE = 30;
/** The rate a prompt gets when no clip's rate could be probed. */
const FALLBACK_FRAME_RATE = 24;

const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));

/**
 * The largest clip's size (by pixel count, then width), scaled down keeping its aspect ratio to fit
 * MAX_CANVAS (long side ≤ 1920, short side ≤ 1080), rounded to even numbers.
 */
export function canvasOf(clips: readonly Pick<ClipFacts, "width" | "height">[]): { width: number; height: number } {
  const largest = [...clips].sort((a, b) => b.width * b.height - a.width * a.height || b.width - a.width)[0];
  if (!largest) throw new RangeError("a prompt without clips has no canvas");
  const portrait = largest.height > largest.width;
  const [maxW, maxH] = portrait ? [MAX_CANVAS.short, MAX_CANVAS.long] : [MAX_CANVAS.long, MAX_CANVAS.short];
  const scale = Math.min(1, maxW / largest.width, maxH / largest.height);
  return { width: even(largest.width * scale), height: even(largest.height * scale) };
}

/**
 * The highest probed rate, capped at MAX_FRAME_RATE, as ffmpeg's rate string: NTSC rates
 * (23.976, 29.97, within 0.01) become their exact ratio `n000/1001`, others round to an integer
 * frame rate (generators emit 8, 15, 16, 24, 25, 30). FALLBACK_FRAME_RATE when none was probed.
 */
export function frameRateOf(clips: readonly Pick<ClipFacts, "frameRate">[]): string {
  const rates = clips.map((c) => c.frameRate).filter((r): r is number => r !== null && r > 0);
  const highest = rates.length > 0 ? Math.min(MAX_FRAME_RATE, Math.max(...rates)) : FALLBACK_FRAME_RATE;
  const ntsc = Math.round(highest * 1.001);
  if (Math.abs(highest - (ntsc * 1000) / 1001) < 0.01 && Math.abs(highest - ntsc) >= 0.01) return `${ntsc * 1000}/1001`;
  return String(Math.max(1, Math.round(highest)));
}

/** A rate string of frameRateOf as a number of frames per second. */
export function frameRateValue(rate: string): number {
  const [num, den = "1"] = rate.split("/");
  return Number(num) / Number(den);
}

/**
 * The prompt's delivery format. Length: the operator's choice clamped between the shortest and the
 * longest clip, or the shortest clip's length when there is none. Throws RangeError without clips.
 */
export function deliveryFormatOf(clips: readonly ClipFacts[], chosenLengthMs: number | null = null): DeliveryFormat {
  const durations = clips.map((c) => c.durationMs);
  const shortest = Math.min(...durations);
  const longest = Math.max(...durations);
  const lengthMs = chosenLengthMs === null ? shortest : Math.min(longest, Math.max(shortest, chosenLengthMs));
  return { ...canvasOf(clips), frameRate: frameRateOf(clips), lengthMs };
}

/** Frames in every rendition of the format: the length times the rate, rounded, at least one. */
export function frameCountOf(format: DeliveryFormat): number {
  return Math.max(1, Math.round((format.lengthMs / 1000) * frameRateValue(format.frameRate)));
}

/** The format as stored in Clip.renditionFormat: `1280x720@30000/1001/5000ms`. */
export function formatKeyOf(format: DeliveryFormat): string {
  return `${format.width}x${format.height}@${format.frameRate}/${format.lengthMs}ms`;
}

/** Milliseconds a clip of `durationMs` holds its last frame in the format (0 when it fills it). */
export function heldLastFrameMsOf(durationMs: number, format: DeliveryFormat): number {
  return Math.max(0, format.lengthMs - durationMs);
}

/** The format a Clip.renditionFormat names (formatKeyOf's inverse); null for anything else. */
export function parseFormatKey(key: string): DeliveryFormat | null {
  const match = /^(\d+)x(\d+)@(\d+(?:\/\d+)?)\/(\d+)ms$/.exec(key);
  if (!match) return null;
  return { width: Number(match[1]), height: Number(match[2]), frameRate: match[3] as string, lengthMs: Number(match[4]) };
}

/**
 * Length in milliseconds of the clip a voter is served (issue 33: marks are times in it): the
 * length of its rendition's format (Clip.renditionFormat), or, for a clip without a recorded
 * format (a demo placeholder), its own length plus the frames it holds.
 */
export function deliveredLengthMsOf(clip: {
  renditionFormat: string | null;
  durationMs: number;
  heldLastFrameMs: number;
}): number {
  const format = clip.renditionFormat ? parseFormatKey(clip.renditionFormat) : null;
  return format ? format.lengthMs : clip.durationMs + clip.heldLastFrameMs;
}
