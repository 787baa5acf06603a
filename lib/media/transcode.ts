import fs from "node:fs";
import path from "node:path";
import { runTool } from "./ffmpeg-tools";

/** The delivery renditions of one clip, as files in the work folder the caller gave. */
export interface RenditionFiles {
  /** H.264 video only: what the arena serves by default. */
  silent: string;
  /** The same video with the clip's sound (AAC); null when the original has no audio. */
  sound: string | null;
}

/** MIME type and extension of every rendition: one delivery format for all models. */
export const RENDITION_TYPE = { mimeType: "video/mp4", extension: "mp4" } as const;

/** Thrown when ffmpeg cannot transcode a file; the message is ffmpeg's last error line. */
export class TranscodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TranscodeError";
  }
}

// Every container and stream tag removed (title, comment, handler names, vendor encoder,
// creation_time, chapters); bitexact keeps libavformat/libavcodec from writing their version.
// The empty `encoder` drops the "Lavc libx264" stream tag, and the bitstream filter drops every SEI
// unit, among them x264's option string (which names its thread count and frame-rate-derived
// settings). What is left is generic and the same for every input: `handler_name=VideoHandler` or
// `SoundHandler`, `vendor_id=[0][0][0][0]`, `language=und` and the MP4 brands.
const STRIP_METADATA = [
  "-metadata:s:v",
  "encoder=",
  "-bsf:v",
  "filter_units=remove_types=6",
  "-map_metadata",
  "-1",
  "-map_chapters",
  "-1",
  "-fflags",
  "+bitexact",
  "-flags:v",
  "+bitexact",
  "-flags:a",
  "+bitexact",
] as const;

// Fixed encoder settings for every model. Resolution and frame rate are the model's output and are
// kept: no scaling, `-fps_mode passthrough` keeps every frame's timestamp (no drops, no
// duplicates). libx264 with yuv420p needs even dimensions, so an odd width or height gets one
// black column or row of padding (never scaled; padded in 4:4:4 because the
// pad filter rounds a 4:2:0 frame down to even). A keyframe every 2 s keeps seeking cheap.
const VIDEO_SETTINGS = [
  "-vf",
  "format=yuv444p,pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv420p",
  "-fps_mode",
  "passthrough",
  "-c:v",
  "libx264",
  "-preset",
  "veryfast",
  "-profile:v",
  "high",
  "-pix_fmt",
  "yuv420p",
  "-force_key_frames",
  "expr:gte(t,n_forced*2)",
] as const;

/** Constant rate factor of every imported clip: visually lossless for these sizes. */
export const DELIVERY_CRF = 20;

/** Stereo AAC at 48 kHz, 128 kb/s, for every clip with sound. */
const AUDIO_SETTINGS = ["-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"] as const;

/** MP4 with the index (`moov`) first, so a browser starts playing before the whole file arrives. */
const CONTAINER = ["-movflags", "+faststart", "-f", "mp4"] as const;

async function ffmpeg(args: readonly string[], output: string): Promise<void> {
  const result = await runTool("ffmpeg", ["-nostdin", "-y", "-v", "error", ...args, output]);
  if (result.code !== 0) {
    await fs.promises.rm(output, { force: true });
    const lines = result.stderr.trim().split("\n");
    throw new TranscodeError(lines[lines.length - 1] || `ffmpeg exited with code ${result.code}`);
  }
}

/**
 * Transcodes a clip into its delivery renditions (H.264 High, yuv420p, MP4 with faststart, all
 * metadata removed) inside `workDir`: a silent one always, and one with AAC sound when
 * `hasAudio`. The video is encoded once into a scratch file; each rendition is a stream copy of
 * it (a copy carries no "Lavc libx264" encoder tag, which an encode adds whatever it is told).
 * Throws TranscodeError when ffmpeg fails (nothing is left in workDir then), and
 * FfmpegMissingError when ffmpeg is not installed. `crf` is for the committed demo placeholders
 * only (smaller files, all encoded alike); imports always use DELIVERY_CRF.
 */
export async function transcodeRenditions(
  source: string,
  hasAudio: boolean,
  workDir: string,
  { name = "rendition", crf = DELIVERY_CRF }: { name?: string; crf?: number } = {},
): Promise<RenditionFiles> {
  const encoded = path.join(workDir, `${name}-encoded.mp4`);
  const silent = path.join(workDir, `${name}.mp4`);
  const sound = hasAudio ? path.join(workDir, `${name}-sound.mp4`) : null;
  const streams = hasAudio ? ["-map", "0:v:0", "-map", "0:a:0", ...AUDIO_SETTINGS] : ["-map", "0:v:0", "-an"];
  const copy = (output: string, maps: string[]) =>
    ffmpeg(["-i", encoded, ...maps, "-c", "copy", ...STRIP_METADATA, ...CONTAINER], output);
  try {
    await ffmpeg(["-i", source, ...streams, "-sn", "-dn", ...VIDEO_SETTINGS, "-crf", String(crf), ...STRIP_METADATA, ...CONTAINER], encoded);
    await copy(silent, ["-map", "0:v:0", "-an"]);
    if (sound) await copy(sound, ["-map", "0:v:0", "-map", "0:a:0"]);
  } catch (error) {
    await Promise.all(
      [silent, sound].map(async (file) => {
        if (file) await fs.promises.rm(file, { force: true });
      }),
    );
    throw error;
  } finally {
    await fs.promises.rm(encoded, { force: true });
  }
  return { silent, sound };
}
