import fs from "node:fs";
import path from "node:path";
import { type DeliveryFormat, frameCountOf, frameRateValue } from "./delivery-format";
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

// Fixed encoder settings for every model. A keyframe every 2 s keeps seeking cheap. Colour
// properties are forced to one set (BT.709, limited range) for every clip: the scaler converts the
// matrix and the tags written in the H.264 VUI and the MP4 `colr` box are the same for every model.
const ENCODER_SETTINGS = [
  "-c:v",
  "libx264",
  "-preset",
  "veryfast",
  "-profile:v",
  "high",
  "-pix_fmt",
  "yuv420p",
  "-color_primaries",
  "bt709",
  "-color_trc",
  "bt709",
  "-colorspace",
  "bt709",
  "-color_range",
  "tv",
] as const;
const KEYFRAME_EVERY_2S = ["-force_key_frames", "expr:gte(t,n_forced*2)"] as const;
const TO_BT709 = "out_color_matrix=bt709:out_range=tv";

/**
 * The video filter and frame settings for a clip rendered to its prompt's format: scaled to fit
 * the canvas keeping its aspect ratio (never cropped or stretched) and centred on black (letterbox
 * or pillarbox), resampled to the prompt's constant rate by the `fps` filter (which repeats or
 * drops whole frames, never blends or interpolates), its last frame held (`tpad` clone) when the
 * clip is shorter than the prompt's length, and cut to exactly frameCountOf(format) frames.
 */
function normaliseVideo(format: DeliveryFormat): string[] {
  const { width: w, height: h, frameRate } = format;
  const holdSeconds = (format.lengthMs / 1000 + 1).toFixed(3);
  const filter = [
    "setpts=PTS-STARTPTS",
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=lanczos:${TO_BT709}`,
    "setsar=1",
    "format=yuv420p",
    `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`,
    `fps=${frameRate}`,
    `tpad=stop_mode=clone:stop_duration=${holdSeconds}`,
  ].join(",");
  const frames = frameCountOf(format);
  return ["-vf", filter, "-fps_mode", "passthrough", "-frames:v", String(frames), "-t", exactSeconds(format)];
}

/** The rendition's length in seconds, from its frame count (so sound and picture end together). */
function exactSeconds(format: DeliveryFormat): string {
  return (frameCountOf(format) / frameRateValue(format.frameRate)).toFixed(6);
}

// Without a format (the committed demo placeholders only): the clip's own size and rate, every
// frame's timestamp kept; an odd width or height gets one black column or row (padded in 4:4:4
// because the pad filter rounds a 4:2:0 frame down to even).
const OWN_FORMAT = [
  "-vf",
  `format=yuv444p,pad=ceil(iw/2)*2:ceil(ih/2)*2,scale=${TO_BT709},format=yuv420p`,
  "-fps_mode",
  "passthrough",
];

/** Constant rate factor of every imported clip: visually lossless for these sizes. */
export const DELIVERY_CRF = 20;

/** Stereo AAC at 48 kHz, 128 kb/s, for every clip with sound. */
const AUDIO_SETTINGS = ["-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"] as const;
/** Sound of a normalised clip: from its start, padded with silence to the prompt's length. */
const NORMALISE_AUDIO = ["-af", "asetpts=PTS-STARTPTS,apad"] as const;

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
 * Transcodes a clip into its delivery renditions (H.264 High, yuv420p, BT.709 limited range, MP4
 * with faststart, all metadata removed) inside `workDir`, rendered to `format` (its prompt's
 * canvas, rate and length, see normaliseVideo; imports and uploads always give one): a silent one always, and one with AAC sound when
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
  {
    name = "rendition",
    crf = DELIVERY_CRF,
    format,
  }: { name?: string; crf?: number; format?: DeliveryFormat } = {},
): Promise<RenditionFiles> {
  const encoded = path.join(workDir, `${name}-encoded.mp4`);
  const silent = path.join(workDir, `${name}.mp4`);
  const sound = hasAudio ? path.join(workDir, `${name}-sound.mp4`) : null;
  const audio = format ? [...NORMALISE_AUDIO, ...AUDIO_SETTINGS] : AUDIO_SETTINGS;
  const streams = hasAudio ? ["-map", "0:v:0", "-map", "0:a:0", ...audio] : ["-map", "0:v:0", "-an"];
  const video = [...(format ? normaliseVideo(format) : OWN_FORMAT), ...ENCODER_SETTINGS, ...KEYFRAME_EVERY_2S];
  const copy = (output: string, maps: string[]) =>
    ffmpeg(["-i", encoded, ...maps, "-c", "copy", ...STRIP_METADATA, ...CONTAINER], output);
  try {
    await ffmpeg(["-i", source, ...streams, "-sn", "-dn", ...video, "-crf", String(crf), ...STRIP_METADATA, ...CONTAINER], encoded);
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

/** How a check twin is degraded (lib/media/check-twins.ts): each is obvious to anyone who watches. */
export const TWIN_DEGRADATIONS = ["freeze", "stutter", "blur"] as const;
export type TwinDegradation = (typeof TWIN_DEGRADATIONS)[number];

/**
 * The video filter of a degradation, applied to a rendition already in `format`, ending at the
 * format's rate so the twin has the same frame count as its clip:
 * - `freeze`: the picture stops after the first quarter and holds that frame to the end;
 * - `stutter`: 3 distinct frames a second, each repeated (dropped frames, whole-frame steps);
 * - `blur`: cut to 1/24 of the canvas and blown back up blocky, then box-blurred;
 * then, when `grain` (0–100, ffmpeg's `noise` strength) is above 0, film grain on every frame.
 */
function degradationFilter(degradation: TwinDegradation, format: DeliveryFormat, grain: number): string {
  const { width: w, height: h, frameRate } = format;
  const seconds = format.lengthMs / 1000;
  const steps = {
    freeze: [
      `trim=end=${(seconds / 4).toFixed(3)}`,
      "setpts=PTS-STARTPTS",
      `tpad=stop_mode=clone:stop_duration=${(seconds + 1).toFixed(3)}`,
    ],
    stutter: ["fps=3"],
    blur: [
      `scale=${Math.max(2, even(w / 24))}:${Math.max(2, even(h / 24))}:flags=area`,
      `scale=${w}:${h}:flags=neighbor`,
      "boxblur=6:2",
    ],
  }[degradation];
  // The last picture held for a second, so a stutter's last step or a rounding of the rate never
  // leaves the twin a frame short of its clip (-frames:v cuts it to the frame count). Grain is
  // drawn afresh for every output frame (temporal noise), so a held picture still costs bytes.
  const noise = grain > 0 ? [`noise=alls=${grain}:allf=t`] : [];
  return [...steps, "tpad=stop_mode=clone:stop_duration=1", `fps=${frameRate}`, "setsar=1", "format=yuv420p", ...noise].join(",");
}

const even = (value: number) => 2 * Math.round(value / 2);

/**
 * x264 options of a twin: scene cuts off (the keyframes are forced), macroblock-tree rate control
 * off (with it, grain on the pictures other frames refer to was coded and on the rest quantised
 * away, so a twin's sample sizes spread half as much again as its donor's: CV 1.49 against 1.02),
 * and the keyframe knobs. Only
 * the first picture's quantiser is fixed by a zone: through ffmpeg 5.1 a `q=` zone on a later
 * keyframe moved its size only partly (measured), while `ipratio` moves every later I picture and
 * leaves the first alone.
 */
function x264Params(firstKeyframeQp: number | null, ipratio: number | null): string {
  const zone = firstKeyframeQp === null ? [] : [`zones=0,0,q=${Math.round(firstKeyframeQp)}`];
  const ratio = ipratio === null ? [] : [`ipratio=${ipratio.toFixed(3)}`];
  return ["scenecut=0", "mbtree=0", ...zone, ...ratio].join(":");
}

/**
 * Renders a degraded twin of a clip's delivery rendition `source` (already in `format`) into
 * `workDir`: the same canvas, rate, frame count, encoder settings and stripped metadata as every
 * rendition (so nothing in the file says it is a twin), with the video degraded as
 * degradationFilter says; a copy with the source's sound (stream-copied) when `withSound`, whose
 * source must then carry an audio stream. `keyframes` (0-based frame numbers, ascending, the
 * first 0) are its only keyframes (x264's scene-cut detection off), so its sync-sample table can
 * be another rendition's; `crf` is x264's constant rate factor (0–51, fractional allowed;
 * DELIVERY_CRF unless the twin must code smaller or larger) and `grain` the strength of the film
 * grain laid over it (0–100, none by default): the two knobs lib/media/check-twins.ts turns to make
 * the twin's coded pictures spend its size donor's bytes; `firstKeyframeQp` (0–51) fixes the first
 * picture's quantiser and `ipratio` (x264's ratio of P to I quantiser scales, 1.4 by default) sets
 * how much the later keyframes spend, so the keyframes can spend their own target. Throws
 * TranscodeError and FfmpegMissingError as transcodeRenditions does.
 */
export async function transcodeTwin(
  source: string,
  withSound: boolean,
  degradation: TwinDegradation,
  format: DeliveryFormat,
  workDir: string,
  {
    keyframes,
    crf = DELIVERY_CRF,
    grain = 0,
    firstKeyframeQp = null,
    ipratio = null,
  }: {
    keyframes: readonly number[];
    crf?: number;
    grain?: number;
    firstKeyframeQp?: number | null;
    ipratio?: number | null;
  },
): Promise<RenditionFiles> {
  const encoded = path.join(workDir, `twin-${degradation}-encoded.mp4`);
  const silent = path.join(workDir, `twin-${degradation}.mp4`);
  const sound = withSound ? path.join(workDir, `twin-${degradation}-sound.mp4`) : null;
  const streams = withSound ? ["-map", "0:v:0", "-map", "0:a:0", "-c:a", "copy"] : ["-map", "0:v:0", "-an"];
  const frames = String(frameCountOf(format));
  const rate = frameRateValue(format.frameRate);
  // Each time half a frame early, so rounding never moves a keyframe to the next frame.
  const times = keyframes.map((n) => Math.max(0, (n - 0.5) / rate).toFixed(6)).join(",");
  const video = [
    ...["-vf", degradationFilter(degradation, format, grain), "-fps_mode", "passthrough", "-frames:v", frames],
    ...["-force_key_frames", times, "-x264-params", x264Params(firstKeyframeQp, ipratio)],
  ];
  const copy = (output: string, maps: string[]) =>
    ffmpeg(["-i", encoded, ...maps, "-c", "copy", ...STRIP_METADATA, ...CONTAINER], output);
  try {
    await ffmpeg(
      ["-i", source, ...streams, "-sn", "-dn", ...video, ...ENCODER_SETTINGS, "-crf", crf.toFixed(2), "-t", exactSeconds(format), ...STRIP_METADATA, ...CONTAINER],
      encoded,
    );
    await copy(silent, ["-map", "0:v:0", "-an"]);
    if (sound) await copy(sound, ["-map", "0:v:0", "-map", "0:a:0"]);
  } catch (error) {
    const made = [silent, sound].filter((file): file is string => file !== null);
    await Promise.all(made.map((file) => fs.promises.rm(file, { force: true })));
    throw error;
  } finally {
    await fs.promises.rm(encoded, { force: true });
  }
  return { silent, sound };
}

/**
 * Writes the degraded picture stream of a twin (degradationFilter, with `grain`) of the rendition
 * `source` (already in `format`) to `output` as YUV4MPEG2 (yuv420p, BT.709 limited range as
 * decoded): exactly frameCountOf(format) frames, the input of the x264 encodes of
 * lib/media/check-twins.ts. Throws TranscodeError and FfmpegMissingError as transcodeRenditions does.
 */
export async function degradedPictures(
  source: string,
  degradation: TwinDegradation,
  format: DeliveryFormat,
  grain: number,
  output: string,
): Promise<void> {
  const frames = String(frameCountOf(format));
  await ffmpeg(
    ["-i", source, "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", degradationFilter(degradation, format, grain), "-fps_mode", "passthrough", "-frames:v", frames, "-f", "yuv4mpegpipe"],
    output,
  );
}

/**
 * The x264 command line whose stream headers (SPS, PPS) are the renditions' own (ffmpeg's libx264
 * with ENCODER_SETTINGS and DELIVERY_CRF, checked byte for byte by lib/media/check-twins.ts): the
 * same preset, profile, colour tags and rate factor (the PPS carries it as pic_init_qp), and a
 * timecode file so x264 writes the variable-rate timing ffmpeg's libx264 writes (VUI
 * fixed_frame_rate_flag 0, time_scale twice the rate). Scene cuts and macroblock-tree rate
 * control off as for every twin (x264Params); `qpfile` gives each frame's type and quantiser.
 */
function x264FrameArgs(format: DeliveryFormat, y4m: string, qpfile: string, timecodes: string, output: string): string[] {
  const [num, den = "1"] = format.frameRate.split("/");
  return [
    ...["--quiet", "--demuxer", "y4m", "--preset", "veryfast", "--profile", "high", "--crf", String(DELIVERY_CRF)],
    ...["--colorprim", "bt709", "--transfer", "bt709", "--colormatrix", "bt709", "--range", "tv"],
    ...["--scenecut", "0", "--no-mbtree", "--tcfile-in", timecodes, "--timebase", `${den}/${num}`, "--qpfile", qpfile],
    ...["-o", output, y4m],
  ];
}

/**
 * Encodes the picture stream `y4m` (degradedPictures) with the x264 command-line encoder into the
 * Annex B file `output`, each frame with the type and quantiser `frames` gives it (presentation
 * order; x264's `--qpfile`, types as QpfileFrameType). Throws TranscodeError when x264 fails and
 * X264MissingError when it is not installed.
 */
export async function encodeFramesX264(
  y4m: string,
  format: DeliveryFormat,
  frames: readonly { type: string; qp: number }[],
  output: string,
): Promise<void> {
  const qpfile = `${output}.qp`;
  const timecodes = `${output}.tc`;
  const rate = frameRateValue(format.frameRate);
  await fs.promises.writeFile(qpfile, frames.map((f, n) => `${n} ${f.type} ${f.qp}\n`).join(""));
  const times = frames.map((_, n) => ((n * 1000) / rate).toFixed(6));
  await fs.promises.writeFile(timecodes, ["# timecode format v2", ...times, ""].join("\n"));
  const result = await runTool("x264", x264FrameArgs(format, y4m, qpfile, timecodes, output));
  if (result.code !== 0) {
    await fs.promises.rm(output, { force: true });
    const lines = result.stderr.trim().split("\n");
    throw new TranscodeError(lines[lines.length - 1] || `x264 exited with code ${result.code}`);
  }
}

/**
 * The twin's renditions from its coded video `video` (an MP4 with the donor's layout, made by
 * lib/media/h264-resample.ts withSamples): stream copies with the metadata stripped as every
 * rendition's, the silent one, and with `source`'s sound when `withSound`.
 */
export async function muxTwin(video: string, source: string, withSound: boolean, degradation: TwinDegradation, workDir: string): Promise<RenditionFiles> {
  const silent = path.join(workDir, `twin-${degradation}.mp4`);
  const sound = withSound ? path.join(workDir, `twin-${degradation}-sound.mp4`) : null;
  try {
    await ffmpeg(["-i", video, "-map", "0:v:0", "-an", "-c", "copy", ...STRIP_METADATA, ...CONTAINER], silent);
    if (sound) await ffmpeg(["-i", video, "-i", source, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", ...STRIP_METADATA, ...CONTAINER], sound);
  } catch (error) {
    const made = [silent, sound].filter((file): file is string => file !== null);
    await Promise.all(made.map((file) => fs.promises.rm(file, { force: true })));
    throw error;
  }
  return { silent, sound };
}
