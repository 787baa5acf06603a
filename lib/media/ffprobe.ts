import { z } from "zod";
import { runTool } from "./ffmpeg-tools";

/** What the probe reads from a video file; the fields a Clip row stores. */
export interface MediaProbe {
  /** Container duration, in milliseconds (rounded). */
  durationMs: number;
  /** Coded width and height of the first video stream, in pixels. */
  width: number;
  height: number;
  /** Frames per second of the first video stream (its average rate); null where ffprobe cannot tell. */
  frameRate: number | null;
  /** Whether the file carries at least one audio stream. */
  hasAudio: boolean;
}

// ffprobe's JSON output (`-show_streams -show_format`), only the fields read here.
const probeOutput = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string(),
        width: z.number().optional(),
        height: z.number().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        duration: z.string().optional(),
        nb_read_packets: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({ duration: z.string().optional() }).optional(),
});

/** "30000/1001" → 29.97…; null for "0/0", garbage or non-positive rates. */
export function parseFrameRate(rate: string | undefined): number | null {
  const match = /^(\d+)\/(\d+)$/.exec(rate ?? "");
  if (!match) return null;
  const value = Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) / 1000 : null;
}

/**
 * Reads duration, size, frame rate and sound from a video file with ffprobe (`-show_streams
 * -show_format -count_packets`, JSON; counting packets demuxes the file, it decodes nothing). Null
 * when ffprobe cannot read the file or it has no video stream with a size, at least one packet
 * (frame) and a positive duration. Throws FfmpegMissingError when ffprobe is not installed.
 */
export async function probeMedia(file: string): Promise<MediaProbe | null> {
  const result = await runTool("ffprobe", [
    "-v",
    "error",
    "-print_format",
    "json",
    "-show_streams",
    "-show_format",
    "-count_packets",
    file,
  ]);
  if (result.code !== 0) return null;
  let parsed: z.infer<typeof probeOutput>;
  try {
    parsed = probeOutput.parse(JSON.parse(result.stdout));
  } catch {
    return null;
  }
  // A video stream with no packets (zero frames) cannot be rendered to any length: not a clip.
  const video = parsed.streams.find(
    (s) => s.codec_type === "video" && s.width && s.height && Number(s.nb_read_packets ?? "0") > 0,
  );
  if (!video?.width || !video.height) return null;
  const seconds = Number(parsed.format?.duration ?? video.duration);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  return {
    durationMs: Math.round(seconds * 1000),
    width: video.width,
    height: video.height,
    frameRate: parseFrameRate(video.avg_frame_rate) ?? parseFrameRate(video.r_frame_rate),
    hasAudio: parsed.streams.some((s) => s.codec_type === "audio"),
  };
}

/**
 * Whether ffmpeg decodes every video (and audio) frame of the file without an error: a full
 * decode to the null muxer, nothing written. A file that probes but cannot be decoded (a
 * truncated stream, an unsupported codec) gives false.
 */
export async function isDecodable(file: string): Promise<boolean> {
  const result = await runTool("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", file, "-f", "null", "-"]);
  return result.code === 0;
}
