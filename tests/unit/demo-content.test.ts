import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoCategories, demoModels, demoPrompts, loadDemoMedia } from "@/lib/demo/demo-content";
import { ffmpegAvailable } from "../ffmpeg";

const rootDir = path.resolve(import.meta.dirname, "../..");
const categorySlugs = new Set<string>(demoCategories.map((category) => category.slug));

describe("demo catalogue", () => {
  it("has four categories named in both languages", () => {
    expect(demoCategories.map((category) => category.slug)).toEqual(["physics", "dance", "action", "lighting"]);
    for (const category of demoCategories) {
      expect(category.nameZh).toMatch(/\p{Script=Han}/u);
      expect(category.nameEn).toMatch(/^[A-Z][a-z]+$/);
    }
  });

  it("has seven prompts, each in Chinese and English with known categories", () => {
    expect(demoPrompts.map((prompt) => prompt.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const prompt of demoPrompts) {
      expect(prompt.textZh).toMatch(/\p{Script=Han}/u);
      expect(prompt.textEn).toMatch(/^[A-Z][\x20-\x7e]+\.$/);
      expect(prompt.categories.length).toBeGreaterThanOrEqual(1);
      for (const slug of prompt.categories) expect(categorySlugs.has(slug)).toBe(true);
    }
    const modes = demoPrompts.map((prompt) => prompt.mode);
    expect(modes).toContain("text_to_video");
    expect(modes.filter((mode) => mode === "image_to_video").length).toBeGreaterThan(modes.length / 2);
  });

  it("has six models with unique slugs, ISO release dates and both prompt languages", () => {
    expect(demoModels).toHaveLength(6);
    expect(new Set(demoModels.map((model) => model.slug)).size).toBe(6);
    for (const model of demoModels) {
      expect(model.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(new Date(`${model.releaseDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(model.releaseDate);
      expect(new URL(model.url).protocol).toBe("https:");
    }
    expect(new Set(demoModels.map((model) => model.promptLang))).toEqual(new Set(["zh", "en"]));
  });
});

describe("demo media", () => {
  const media = loadDemoMedia(rootDir);

  it("has exactly one clip per (prompt, model)", () => {
    expect(media.clips).toHaveLength(42);
    const pairs = new Set(media.clips.map((clip) => `${clip.promptIndex}/${clip.model}`));
    for (const prompt of demoPrompts) {
      for (const model of demoModels) expect(pairs.has(`${prompt.index}/${model.slug}`)).toBe(true);
    }
  });

  it("has clips of several durations, 3 to 6 seconds long", () => {
    for (const clip of media.clips) {
      expect(clip.durationMs).toBeGreaterThanOrEqual(3000);
      expect(clip.durationMs).toBeLessThanOrEqual(6000);
    }
    expect(new Set(media.clips.map((clip) => clip.durationMs)).size).toBeGreaterThan(1);
  });

  it("varies duration, size and frame rate by prompt, never by model (a per-model value would name it)", () => {
    for (const prompt of demoPrompts) {
      const shapes = new Set(
        media.clips
          .filter((clip) => clip.promptIndex === prompt.index)
          .map((clip) => `${clip.durationMs} ${clip.width}x${clip.height} ${clip.frameRate}`),
      );
      expect(shapes.size).toBe(1);
    }
  });

  it.skipIf(!ffmpegAvailable("the demo clips' ffprobe check"))(
    "ffprobe agrees with the manifest: the committed files are H.264 MP4 renditions without sound",
    () => {
      const [clip] = media.clips;
      const probe = JSON.parse(
        execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", clip!.path], {
          encoding: "utf8",
        }),
      ) as { streams: { codec_type: string; codec_name: string; width: number; height: number }[] };
      expect(probe.streams.map((s) => [s.codec_type, s.codec_name, s.width, s.height])).toEqual([
        ["video", "h264", clip!.width, clip!.height],
      ]);
    },
  );

  it("has a start image for each image-to-video prompt and none for the others", () => {
    for (const prompt of demoPrompts) {
      const images = media.images.filter((image) => image.promptIndex === prompt.index);
      expect(images).toHaveLength(prompt.mode === "image_to_video" ? 1 : 0);
    }
  });

  it("lists only files that exist, by absolute path inside media/demo", () => {
    const mediaDir = path.join(rootDir, "media", "demo");
    for (const entry of [...media.clips, ...media.images]) {
      expect(path.isAbsolute(entry.path)).toBe(true);
      expect(entry.path.startsWith(mediaDir + path.sep)).toBe(true);
      expect(fs.statSync(entry.path).isFile()).toBe(true);
    }
  });

  it("never names a model in a media file's name or bytes", () => {
    // Voters must not be able to tell a model from its clip: not by URL, not by container metadata.
    const needles = demoModels.flatMap((model) => [model.slug, model.name]).map((needle) => needle.toLowerCase());
    for (const entry of [...media.clips, ...media.images]) {
      expect(path.basename(entry.path)).toMatch(/^[ci]-[0-9a-f]+\.[a-z0-9]+$/);
      // latin1 maps each byte to one character, so lower-casing finds ASCII text anywhere in the file.
      const bytes = fs.readFileSync(entry.path).toString("latin1").toLowerCase();
      for (const needle of needles) expect(bytes.includes(needle), `${entry.file} contains "${needle}"`).toBe(false);
    }
  });

  it("rejects a manifest that misses a clip or points outside media/demo", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(rootDir, "media", "demo", "manifest.json"), "utf8")) as {
      clips: { file: string }[];
    };
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "demo-manifest-"));
    try {
      fs.mkdirSync(path.join(tmp, "media", "demo"), { recursive: true });
      const write = (value: unknown) =>
        fs.writeFileSync(path.join(tmp, "media", "demo", "manifest.json"), JSON.stringify(value));

      write({ ...manifest, clips: manifest.clips.slice(1) });
      expect(() => loadDemoMedia(tmp)).toThrow(/0 clips for prompt 1/);

      write({
        ...manifest,
        clips: manifest.clips.map((clip, i) => (i === 0 ? { ...clip, file: "../../etc.webm" } : clip)),
      });
      expect(() => loadDemoMedia(tmp)).toThrow();
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
