import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { codeFrameByFrame } from "@/lib/media/check-twins";
import type { DeliveryFormat } from "@/lib/media/delivery-format";
import { h264FramesOf } from "@/lib/media/h264-frames";
import { withSamples } from "@/lib/media/h264-resample";
import { transcodeRenditions } from "@/lib/media/transcode";
import { frameSizeMiss } from "@/lib/media/twin-frame-qps";
import { ffmpegAvailable } from "../../ffmpeg";

// A check twin coded frame by frame with the x264 program (issue 31): made from real renditions
// (lib/media/transcode.ts) of two different moving test pictures, it must be the donor's file in
// everything but its coded pictures (frame types, timestamps, codec configuration, stream facts)
// and spend about the donor's bytes frame by frame.
const haveX264 = spawnSync("x264", ["--version"], { stdio: "ignore" }).status === 0;
if (!haveX264 && process.env.CI === "true") throw new Error("x264 is required on CI (apt-get install x264)");
const haveTools = ffmpegAvailable("the frame-by-frame twin tests") && haveX264;

const FORMAT: DeliveryFormat = { width: 320, height: 180, frameRate: "24", lengthMs: 2500 };
let dir: string;
let source: string;
let donor: string;

beforeAll(async () => {
  if (!haveTools) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-frames-test-"));
  const clip = (name: string, lavfi: string) => {
    execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", lavfi, "-t", "3", "-c:v", "libx264", path.join(dir, name)]);
    return path.join(dir, name);
  };
  const render = async (file: string, name: string) => (await transcodeRenditions(file, false, dir, { name, format: FORMAT })).silent;
  source = await render(clip("a.mp4", "testsrc2=size=320x180:rate=24"), "source");
  donor = await render(clip("b.mp4", "mandelbrot=size=320x180:rate=24"), "donor");
}, 120_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const probe = (file: string, entries: string) =>
  execFileSync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-of", "csv=p=0", "-show_entries", entries, file], { encoding: "utf8" });

describe.skipIf(!haveTools)("codeFrameByFrame", () => {
  test("the twin has the donor's frame types, timestamps, codec configuration and stream facts, and about its bytes frame by frame", async () => {
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const twin = (await codeFrameByFrame({ source, withSound: false, degradation: "freeze", format: FORMAT, donorFile: fs.readFileSync(donor), work })).silent;
    const [d, t] = [h264FramesOf(fs.readFileSync(donor)), h264FramesOf(fs.readFileSync(twin))];
    expect(t.types).toEqual(d.types);
    expect(t.display).toEqual(d.display);
    expect(t.parameterSets).toEqual(d.parameterSets);
    expect(probe(twin, "packet=pts,dts,duration,flags")).toBe(probe(donor, "packet=pts,dts,duration,flags"));
    const facts = "stream=codec_name,profile,level,pix_fmt,has_b_frames,refs,color_range,color_space,time_base,r_frame_rate,nb_frames";
    expect(probe(twin, facts)).toBe(probe(donor, facts));
    // It decodes, and its pictures are its own (a frozen test picture), not the donor's.
    execFileSync("ffmpeg", ["-nostdin", "-v", "error", "-xerror", "-i", twin, "-f", "null", "-"]);
    expect(t.data.some((sample, i) => sample.equals(d.data[i]!))).toBe(false);
    // Measured 0.42 here (testsrc2 frozen against a Mandelbrot zoom); the per-part search reaches about 1 on such pairs.
    expect(frameSizeMiss(t.sizes, d.sizes)).toBeLessThan(0.6);
  }, 300_000);

  test("withSamples puts new pictures in a rendition's index: its own give back its samples and timestamps", () => {
    const file = fs.readFileSync(donor);
    const copy = path.join(dir, "copy.mp4");
    fs.writeFileSync(copy, withSamples(file, h264FramesOf(file).data));
    expect(h264FramesOf(fs.readFileSync(copy)).data).toEqual(h264FramesOf(file).data);
    expect(probe(copy, "packet=pts,dts,size,flags")).toBe(probe(donor, "packet=pts,dts,size,flags"));
    expect(() => withSamples(file, h264FramesOf(file).data.slice(1))).toThrow(/pictures for a template/);
  });
});
