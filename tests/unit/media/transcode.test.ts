import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FFMPEG_MISSING_MESSAGE, FfmpegMissingError } from "@/lib/media/ffmpeg-tools";
import { isDecodable, parseFrameRate, probeMedia } from "@/lib/media/ffprobe";
import { deliveryFormatOf, frameCountOf } from "@/lib/media/delivery-format";
import { TranscodeError, transcodeRenditions } from "@/lib/media/transcode";
import { ffmpegAvailable } from "../../ffmpeg";

const haveFfmpeg = ffmpegAvailable("the probe and transcode unit tests");

let dir: string;
const ffprobeJson = (file: string) =>
  JSON.parse(
    execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], {
      encoding: "utf8",
    }),
  ) as {
    streams: { codec_type: string; codec_name: string; pix_fmt?: string; width?: number; height?: number; r_frame_rate: string; tags?: Record<string, string> }[];
    format: { format_name: string; tags?: Record<string, string> };
  };
/** Tags every rendition may carry: the same for every input. */
const GENERIC_TAGS = new Set(["language", "handler_name", "vendor_id", "major_brand", "minor_version", "compatible_brands"]);

beforeAll(() => {
  if (!haveFfmpeg) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "transcode-test-"));
  // A VP9 WebM (4:4:4, so its size may be odd) with an odd size, an odd frame rate, sound and identifying tags, like real clips.
  execFileSync("ffmpeg", [
    ...["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=99x71:rate=15", "-f", "lavfi"],
    ...["-i", "sine=frequency=440:sample_rate=22050", "-t", "1.5", "-c:v", "libvpx-vp9", "-pix_fmt", "yuv444p", "-c:a", "libopus"],
    ...["-metadata", "title=made by Some Model", "-metadata", "comment={\"prompt\":\"x\"}", "-metadata:s:v", "handler_name=Vendor Inc."],
    path.join(dir, "sound.webm"),
  ]);
  execFileSync("ffmpeg", [
    ...["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30000/1001", "-t", "1"],
    ...["-c:v", "libx264", "-metadata", "creation_time=2025-01-01T00:00:00Z", path.join(dir, "silent.mp4")],
  ]);
  // An MP4 whose encoder was given no frame: nothing to render.
  execFileSync("ffmpeg", [
    ...["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=10", "-t", "1", "-frames:v", "0"],
    ...["-c:v", "libx264", path.join(dir, "zero-frames.mp4")],
  ]);
  fs.writeFileSync(path.join(dir, "garbage.mp4"), Buffer.concat([Buffer.from("\0\0\0\x18ftypisom"), Buffer.alloc(4096, 7)]));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveFfmpeg)("probeMedia", () => {
  it("reads duration, size, frame rate and sound", async () => {
    expect(await probeMedia(path.join(dir, "sound.webm"))).toEqual({
      durationMs: expect.closeTo(1500, -2) as number,
      width: 99,
      height: 71,
      frameRate: 15,
      hasAudio: true,
    });
    const silent = await probeMedia(path.join(dir, "silent.mp4"));
    expect(silent).toMatchObject({ width: 160, height: 90, hasAudio: false, frameRate: 29.97 });
  });

  it("gives null, and isDecodable false, for a file ffmpeg cannot read", async () => {
    expect(await probeMedia(path.join(dir, "garbage.mp4"))).toBeNull();
    expect(await probeMedia(path.join(dir, "zero-frames.mp4"))).toBeNull();
    expect(await isDecodable(path.join(dir, "garbage.mp4"))).toBe(false);
    expect(await isDecodable(path.join(dir, "silent.mp4"))).toBe(true);
  });

  it("parses frame rates as ffprobe writes them", () => {
    expect(parseFrameRate("30000/1001")).toBe(29.97);
    expect(parseFrameRate("277/36")).toBe(7.694);
    expect(parseFrameRate("0/0")).toBeNull();
    expect(parseFrameRate(undefined)).toBeNull();
  });
});

describe.skipIf(!haveFfmpeg)("transcodeRenditions", () => {
  it("makes an H.264 yuv420p MP4 without metadata at the clip's own size and rate, sound only in the sound rendition", async () => {
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const files = await transcodeRenditions(path.join(dir, "sound.webm"), true, work);
    expect(files.sound).not.toBeNull();
    for (const file of [files.silent, files.sound as string]) {
      const info = ffprobeJson(file);
      expect(info.format.format_name).toContain("mp4");
      const video = info.streams.find((s) => s.codec_type === "video");
      // 99×71 is odd: padded by one pixel each way, never scaled.
      expect(video).toMatchObject({ codec_name: "h264", pix_fmt: "yuv420p", width: 100, height: 72, r_frame_rate: "15/1" });
      const tags = [info.format.tags, ...info.streams.map((s) => s.tags)].flatMap((t) => Object.keys(t ?? {}));
      expect(tags.filter((t) => !GENERIC_TAGS.has(t))).toEqual([]);
      const bytes = fs.readFileSync(file).toString("latin1");
      for (const leak of ["Some Model", "prompt", "Vendor", "x264 - core", "Lavc", "Lavf"]) expect(bytes).not.toContain(leak);
      // faststart: the index comes before the media data.
      expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));
    }
    expect(ffprobeJson(files.silent).streams.map((s) => s.codec_type)).toEqual(["video"]);
    expect(ffprobeJson(files.sound as string).streams.map((s) => [s.codec_type, s.codec_name])).toEqual([
      ["video", "h264"],
      ["audio", "aac"],
    ]);
    expect(fs.readdirSync(work).sort()).toEqual(["rendition-sound.mp4", "rendition.mp4"]);
  });

  it("renders two different clips to one prompt format: same canvas, rate, frame count, length and colour tags", async () => {
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const sources = ["sound.webm", "silent.mp4"].map((name) => path.join(dir, name));
    const probes = await Promise.all(sources.map(async (file) => (await probeMedia(file))!));
    // An operator's longer length: the 1 s clip holds its last frame for the rest.
    const format = deliveryFormatOf(probes, 1500);
    expect(format).toEqual({ width: 160, height: 90, frameRate: "30000/1001", lengthMs: 1500 });
    const files = await Promise.all(
      sources.map((file, i) => transcodeRenditions(file, probes[i]!.hasAudio, work, { name: `clip${i}`, format })),
    );
    const facts = [files[0]!.silent, files[0]!.sound!, files[1]!.silent].map((file) => {
      const out = execFileSync(
        "ffprobe",
        [
          ...["-v", "error", "-count_frames", "-select_streams", "v:0", "-of", "json", "-show_entries"],
          "stream=width,height,r_frame_rate,nb_read_frames,duration,color_range,color_space,color_transfer,color_primaries,sample_aspect_ratio:format=duration",
          file,
        ],
        { encoding: "utf8" },
      );
      const parsed = JSON.parse(out) as { streams: Record<string, unknown>[]; format: { duration: string } };
      return { ...parsed.streams[0], container: parsed.format.duration };
    });
    expect(facts[0]).toEqual({
      width: 160,
      height: 90,
      sample_aspect_ratio: "1:1",
      r_frame_rate: "30000/1001",
      nb_read_frames: String(frameCountOf(format)),
      duration: expect.any(String) as string,
      container: expect.any(String) as string,
      color_range: "tv",
      color_space: "bt709",
      color_transfer: "bt709",
      color_primaries: "bt709",
    });
    expect(facts[2]).toEqual(facts[0]);
    expect(facts[1]).toEqual(facts[0]);
    // The colr box is the same bytes in every rendition (no per-model colour tags).
    const colr = (file: string) => {
      const bytes = fs.readFileSync(file);
      const at = bytes.indexOf("colr");
      return bytes.subarray(at - 4, at + 15).toString("hex");
    };
    expect(colr(files[1]!.silent)).toBe(colr(files[0]!.silent));
  });

  it("keeps the frame rate of an NTSC clip and makes no sound rendition for a silent one", async () => {
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const files = await transcodeRenditions(path.join(dir, "silent.mp4"), false, work);
    expect(files.sound).toBeNull();
    expect(ffprobeJson(files.silent).streams[0]).toMatchObject({ width: 160, height: 90, r_frame_rate: "30000/1001" });
    expect(ffprobeJson(files.silent).format.tags?.creation_time).toBeUndefined();
  });

  it("fails with ffmpeg's reason and leaves nothing behind for an undecodable file", async () => {
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    await expect(transcodeRenditions(path.join(dir, "garbage.mp4"), false, work)).rejects.toBeInstanceOf(TranscodeError);
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it("says in one line to install ffmpeg when it is missing", async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      await expect(probeMedia(path.join(dir, "silent.mp4"))).rejects.toBeInstanceOf(FfmpegMissingError);
      await expect(transcodeRenditions(path.join(dir, "silent.mp4"), false, dir)).rejects.toThrow(FFMPEG_MISSING_MESSAGE);
    } finally {
      process.env.PATH = saved;
    }
    expect(FFMPEG_MISSING_MESSAGE).not.toContain("\n");
    expect(FFMPEG_MISSING_MESSAGE).toContain("apt-get install ffmpeg");
  });
});
