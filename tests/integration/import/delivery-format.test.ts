import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { applyImport } from "@/lib/import/apply-import";
import { planImport } from "@/lib/import/plan-import";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";

// One delivery format per prompt (issue 25, item 1), through the import: synthetic clips of three
// sizes, rates and lengths, as three models would make them.
let f: ArenaFixture;
let dir: string;
const models = ["fmt-a", "fmt-b", "fmt-c"].map((slug) => ({ slug, name: `Model ${slug}`, organisation: "Lab" }));
const prompt = (deliveryLengthMs?: number) => ({
  key: "format-prompt",
  textEn: "A test card.",
  mode: "text_to_video",
  ...(deliveryLengthMs ? { deliveryLengthMs } : {}),
});
const line = (model: string, file: string) => ({ prompt: "format-prompt", model, file, promptLang: "en" });
const write = (name: string, manifest: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
};
const run = async (name: string, manifest: unknown) => {
  const { problems, plan } = await planImport(f.db, write(name, manifest));
  expect(problems).toEqual([]);
  try {
    return await applyImport(f.db, f.store, plan!);
  } finally {
    await plan!.discard();
  }
};
const rows = () =>
  f.db.clip.findMany({
    where: { prompt: { importKey: "format-prompt" }, retiredAt: null },
    include: { model: true },
    orderBy: { model: { slug: "asc" } },
  });
const probe = (key: string) => {
  const out = execFileSync(
    "ffprobe",
    [
      ...["-v", "error", "-count_frames", "-select_streams", "v:0", "-of", "json", "-show_entries"],
      "stream=width,height,r_frame_rate,nb_read_frames,color_primaries:format=duration",
      f.store.pathOf(key),
    ],
    { encoding: "utf8" },
  );
  const parsed = JSON.parse(out) as { streams: Record<string, unknown>[]; format: { duration: string } };
  return { ...parsed.streams[0], duration: parsed.format.duration };
};
const storedFiles = () => fs.readdirSync(path.join(f.store.root, "clips")).sort();

beforeAll(async () => {
  f = await createArenaFixture("sqlite");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-format-"));
  fs.mkdirSync(path.join(dir, "clips"));
  const make = (name: string, size: string, rate: number, seconds: number) =>
    execFileSync("ffmpeg", [
      ...["-nostdin", "-v", "error", "-f", "lavfi", "-i", `testsrc=size=${size}:rate=${rate}`, "-t", String(seconds)],
      ...["-c:v", "libx264", "-pix_fmt", "yuv420p", path.join(dir, "clips", name)],
    ]);
  make("a.mp4", "320x240", 10, 2);
  make("b.mp4", "480x270", 25, 3);
  make("c.mp4", "640x360", 30, 1.5);
  execFileSync("ffmpeg", [
    ...["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=10", "-t", "1", "-frames:v", "0"],
    ...["-c:v", "libx264", path.join(dir, "clips", "zero.mp4")],
  ]);
});
afterAll(async () => {
  await f?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test(
  "every clip of a prompt is rendered to its canvas, rate and length; a re-run changes nothing",
  { timeout: 300_000 },
  async () => {
    await run("two.json", {
      models,
      prompts: [prompt()],
      clips: [line("fmt-a", "clips/a.mp4"), line("fmt-b", "clips/b.mp4")],
    });
    const clips = await rows();
    // The originals' true facts stay on the rows.
    expect(clips.map((c) => [c.model.slug, c.width, c.height, c.frameRate, c.durationMs])).toEqual([
      ["fmt-a", 320, 240, 10, 2000],
      ["fmt-b", 480, 270, 25, 3000],
    ]);
    for (const clip of clips) {
      expect(clip).toMatchObject({ renditionFormat: "480x270@25/2000ms", heldLastFrameMs: 0 });
      expect(probe(clip.renditionKey!)).toEqual({
        width: 480,
        height: 270,
        r_frame_rate: "25/1",
        nb_read_frames: "50",
        color_primaries: "bt709",
        duration: "2.000000",
      });
    }
    const files = storedFiles();
    expect(
      await run("two.json", {
        models,
        prompts: [prompt()],
        clips: [line("fmt-a", "clips/a.mp4"), line("fmt-b", "clips/b.mp4")],
      }),
    ).toMatchObject({
      clipsAdded: 0,
      clipsUnchanged: 2,
    });
    expect(storedFiles()).toEqual(files);
    expect((await rows()).map((c) => c.renditionKey)).toEqual(clips.map((c) => c.renditionKey));
  },
);

test("a clip that changes the canvas re-renders the others; the old renditions go", { timeout: 300_000 }, async () => {
  const before = await rows();
  await run("three.json", { models, prompts: [prompt()], clips: [line("fmt-c", "clips/c.mp4")] });
  const after = await rows();
  expect(after).toHaveLength(3);
  for (const clip of after) {
    expect(clip.renditionFormat).toBe("640x360@30/1500ms");
    expect(probe(clip.renditionKey!)).toMatchObject({
      width: 640,
      height: 360,
      r_frame_rate: "30/1",
      nb_read_frames: "45",
    });
  }
  for (const old of before) expect(fs.existsSync(f.store.pathOf(old.renditionKey!))).toBe(false);
});

test(
  "an operator's longer length: shorter clips hold their last frame, and the rows say for how long",
  { timeout: 300_000 },
  async () => {
    await run("longer.json", { models, prompts: [prompt(3000)], clips: [line("fmt-c", "clips/c.mp4")] });
    const clips = await rows();
    expect(clips.map((c) => [c.model.slug, c.renditionFormat, c.heldLastFrameMs])).toEqual([
      ["fmt-a", "640x360@30/3000ms", 1000],
      ["fmt-b", "640x360@30/3000ms", 0],
      ["fmt-c", "640x360@30/3000ms", 1500],
    ]);
    for (const clip of clips)
      expect(probe(clip.renditionKey!)).toMatchObject({ nb_read_frames: "90", duration: "3.000000" });
  },
);

test(
  "a clip with no frame is refused with its manifest line, and nothing is written",
  { timeout: 300_000 },
  async () => {
    const [clips, files] = [await rows(), storedFiles()];
    const { problems, plan } = await planImport(
      f.db,
      write("zero.json", { models, prompts: [prompt(3000)], clips: [line("fmt-a", "clips/zero.mp4")] }),
    );
    expect(plan).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        where: expect.stringMatching(/^line \d+ \(clips\[0\]\.file\)$/) as string,
        code: "undecodable",
      }),
    ]);
    expect(await rows()).toEqual(clips);
    expect(storedFiles()).toEqual(files);
  },
);
