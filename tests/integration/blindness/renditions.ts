import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Db } from "@/lib/db/client";
import type { LocalMediaStore } from "@/lib/storage/local-media";

const run = promisify(execFile);

/** Whether ffmpeg and ffprobe run here. On CI (CI=true) their absence fails the suite instead of skipping it. */
export function ffmpegAvailable(): boolean {
  const ok = ["ffmpeg", "ffprobe"].every((tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0);
  if (!ok && process.env.CI === "true") throw new Error("ffmpeg/ffprobe are required on CI (apt-get install ffmpeg)");
  if (!ok) console.warn("ffmpeg/ffprobe not found: skipping the blindness suite (apt-get install ffmpeg)");
  return ok;
}

/** Canvas, rate, frame count and duration as ffprobe reads them from a served file. */
export async function formatOf(file: string): Promise<string> {
  const { stdout } = await run("ffprobe", [
    ...["-v", "error", "-count_packets", "-select_streams", "v:0", "-of", "csv=p=0", "-show_entries"],
    "stream=width,height,avg_frame_rate,nb_read_packets,color_range,color_space:format=duration",
    file,
  ]);
  return stdout.trim().replace(/\s+/g, " ");
}

/**
 * The delivery rendition settings of issue 13: H.264 yuv420p in MP4 with faststart, fixed encoder
 * settings, every container and stream tag removed, the clip's own size and frame rate kept.
 * Stand-in until the import's own rendition step (the "media" work) lands: same settings.
 */
const RENDITION_ARGS = [
  ...["-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact"],
  ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-flags:v", "+bitexact"],
  // Colour tags and the sample aspect ratio pass through from the source unless set: Veo tags
  // bt709, others tag nothing, which names the model (found by this suite).
  ...["-vf", "setsar=1", "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"],
  ...["-color_range", "tv", "-movflags", "+faststart"],
];

/** Transcodes `source` into a rendition at `target`, with AAC sound or with none. */
export async function makeRendition(source: string, target: string, withSound: boolean): Promise<void> {
  const audio = withSound
    ? [
        "-map",
        "0:v:0",
        "-map",
        "0:a:0",
        "-c:a",
        "aac",
        "-b:a",
        "128k",
        "-ar",
        "48000",
        "-ac",
        "2",
        "-flags:a",
        "+bitexact",
      ]
    : ["-an"];
  await run("ffmpeg", ["-v", "error", "-y", "-i", source, ...audio, ...RENDITION_ARGS, target]);
}

/** Whether a media file has an audio stream, by ffprobe. */
export async function hasAudioStream(file: string): Promise<boolean> {
  const { stdout } = await run("ffprobe", [
    "-v",
    "error",
    "-select_streams",
    "a",
    "-show_entries",
    "stream=index",
    "-of",
    "csv=p=0",
    file,
  ]);
  return stdout.trim() !== "";
}

/**
 * Gives every clip without a rendition real renditions made from its stored original: a silent
 * one, and one with sound when the original has sound; records them as the import will.
 */
export async function giveClipsRenditions(db: Db, store: LocalMediaStore): Promise<void> {
  const clips = await db.clip.findMany({ where: { renditionKey: null }, select: { id: true, storageKey: true } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-renditions-"));
  try {
    for (const clip of clips) {
      const original = store.pathOf(clip.storageKey);
      const sound = await hasAudioStream(original);
      const silentFile = path.join(dir, `${clip.id}.mp4`);
      await makeRendition(original, silentFile, false);
      const renditionKey = await store.putFile(silentFile, "clips", "mp4");
      let soundRenditionKey: string | null = null;
      if (sound) {
        const soundFile = path.join(dir, `${clip.id}-sound.mp4`);
        await makeRendition(original, soundFile, true);
        soundRenditionKey = await store.putFile(soundFile, "clips", "mp4");
      }
      await db.clip.update({ where: { id: clip.id }, data: { renditionKey, soundRenditionKey, hasAudio: sound } });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
