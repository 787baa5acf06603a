import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ffmpegAvailable } from "../../ffmpeg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyImport } from "@/lib/import/apply-import";
import { planImport } from "@/lib/import/plan-import";
import { deliveryFormatOf, formatKeyOf } from "@/lib/media/delivery-format";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";

// The real clips live beside the repository (CI: ../shared); never copied into it.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(import.meta.dirname, "../../../../shared");
const REAL = path.join(SHARED_DIR, "real-clips");
const present = fs.existsSync(path.join(REAL, "manifest.json"));
if (!present && process.env.CI === "true") throw new Error(`the real clips are missing: ${REAL} (set SHARED_DIR)`);
if (!present) console.warn(`real clips not found at ${REAL}: skipping the real-clip import test (set SHARED_DIR)`);

// A few real clips: H.264 with sound (Veo 3), VP9 WebM, a portrait 480×832 and a square 240×240.
const SUBSET = [
  "clips/chef-chopping-onions-i2v/veo-3.mp4",
  "clips/chef-chopping-onions-i2v/framepack-hunyuan.webm",
  "clips/chef-chopping-onions-t2v/framepack-hunyuan.webm",
  "clips/chef-chopping-onions-t2v/cogvideox-5b.webm",
  "clips/fetv-001-horse-race/cogvideo.mp4",
];
/** Tags a rendition may carry: generic, the same for every input. */
const GENERIC_TAGS = new Set(["language", "handler_name", "vendor_id", "major_brand", "minor_version", "compatible_brands"]);

interface Probe {
  streams: { codec_type: string; codec_name: string; pix_fmt?: string; width?: number; height?: number; r_frame_rate: string; tags?: Record<string, string> }[];
  format: { format_name: string; tags?: Record<string, string> };
}
const ffprobe = (file: string) =>
  JSON.parse(
    execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], { encoding: "utf8" }),
  ) as Probe;

describe.skipIf(!present || !ffmpegAvailable("the real-clip import test"))("importing real clips", () => {
  let f: ArenaFixture;
  let dir: string;
  let manifestFile: string;

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    const real = JSON.parse(fs.readFileSync(path.join(REAL, "manifest.json"), "utf8")) as {
      models: { slug: string }[];
      categories: { slug: string }[];
      prompts: { key: string; image?: string }[];
      clips: { prompt: string; model: string; file: string }[];
    };
    const clips = real.clips.filter((c) => SUBSET.includes(c.file));
    const prompts = real.prompts.filter((p) => clips.some((c) => c.prompt === p.key));
    const subset = {
      models: real.models.filter((m) => clips.some((c) => c.model === m.slug)),
      categories: real.categories,
      prompts,
      clips,
    };
    // Copies in a scratch folder: manifests may not point outside their folder, nor through links.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-real-"));
    for (const file of [...SUBSET, ...prompts.flatMap((p) => (p.image ? [p.image] : []))]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(REAL, file), path.join(dir, file));
    }
    manifestFile = path.join(dir, "manifest.json");
    fs.writeFileSync(manifestFile, JSON.stringify(subset, null, 2));
  });
  afterAll(async () => {
    await f?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("stores originals and renditions: H.264 yuv420p MP4, no metadata, the prompt's one canvas and rate, sound only where it was", { timeout: 600_000 }, async () => {
    const { problems, plan } = await planImport(f.db, manifestFile);
    expect(problems).toEqual([]);
    const predicted = plan!.prediction.summary;
    const summary = await applyImport(f.db, f.store, plan!);
    await plan!.discard();
    // The dry run's prediction is what the run did.
    expect(summary).toEqual(predicted);
    expect(summary).toMatchObject({ clipsAdded: SUBSET.length, filesStored: SUBSET.length });

    const rows = await f.db.clip.findMany({ where: { sourceHash: { not: null } }, include: { model: true, prompt: true } });
    expect(rows).toHaveLength(SUBSET.length);
    for (const row of rows) {
      const manifestClip = (
        JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { clips: { prompt: string; model: string; file: string }[] }
      ).clips.find(
        (c: { prompt: string; model: string }) => c.prompt === row.prompt.importKey && c.model === row.model.slug,
      ) as { file: string };
      const original = ffprobe(path.join(dir, manifestClip.file));
      const originalVideo = original.streams.find((s) => s.codec_type === "video")!;
      const originalHasAudio = original.streams.some((s) => s.codec_type === "audio");
      expect(row).toMatchObject({ width: originalVideo.width, height: originalVideo.height, hasAudio: originalHasAudio });
      expect(row.frameRate).toBeGreaterThan(0);
      // The original is kept byte for byte.
      expect(fs.readFileSync(f.store.pathOf(row.storageKey))).toEqual(fs.readFileSync(path.join(dir, manifestClip.file)));
      expect(row.soundRenditionKey !== null).toBe(originalHasAudio);

      for (const key of [row.renditionKey, row.soundRenditionKey]) {
        if (!key) continue;
        const rendition = ffprobe(f.store.pathOf(key));
        expect(rendition.format.format_name).toContain("mp4");
        const video = rendition.streams.find((s) => s.codec_type === "video")!;
        const format = deliveryFormatOf(rows.filter((r) => r.promptId === row.promptId));
        expect(row.renditionFormat).toBe(formatKeyOf(format));
        expect(video).toMatchObject({
          codec_name: "h264",
          pix_fmt: "yuv420p",
          width: format.width,
          height: format.height,
          r_frame_rate: format.frameRate.includes("/") ? format.frameRate : `${format.frameRate}/1`,
        });
        const tags = [rendition.format.tags, ...rendition.streams.map((s) => s.tags)].flatMap((t) => Object.keys(t ?? {}));
        expect(tags.filter((t) => !GENERIC_TAGS.has(t))).toEqual([]);
        expect(rendition.streams.filter((s) => s.codec_type === "audio").map((s) => s.codec_name)).toEqual(
          key === row.soundRenditionKey ? ["aac"] : [],
        );
      }
    }
    // Every rendition carries the same tag values, whichever model made the clip.
    const tagSets = new Set(
      rows.map((row) => JSON.stringify([ffprobe(f.store.pathOf(row.renditionKey!)).format.tags, ffprobe(f.store.pathOf(row.renditionKey!)).streams.map((s) => s.tags)])),
    );
    expect(tagSets.size).toBe(1);

    // A second run adds nothing and stores nothing.
    const files = fs.readdirSync(path.join(f.store.root, "clips")).length;
    const again = await planImport(f.db, manifestFile);
    expect(again.plan!.prediction.summary).toMatchObject({ clipsAdded: 0, clipsUnchanged: SUBSET.length, filesStored: 0 });
    expect(await applyImport(f.db, f.store, again.plan!)).toEqual(again.plan!.prediction.summary);
    await again.plan!.discard();
    expect(fs.readdirSync(path.join(f.store.root, "clips"))).toHaveLength(files);
  });
});
