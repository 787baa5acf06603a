import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyImport } from "@/lib/import/apply-import";
import { planImport } from "@/lib/import/plan-import";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { ffmpegAvailable } from "../../ffmpeg";

const demo = JSON.parse(fs.readFileSync("media/demo/manifest.json", "utf8")) as {
  clips: { file: string; durationMs: number; width: number }[];
  images: { file: string }[];
};

describe.skipIf(!ffmpegAvailable("the bulk import tests")).each(testEngines)("bulk import on %s", (engine) => {
  let f: ArenaFixture;
  let dir: string;
  const write = (name: string, manifest: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof manifest === "string" ? manifest : JSON.stringify(manifest, null, 2));
    return file;
  };
  const manifest = (clipFile = "clips/a.webm") => ({
    models: [{ slug: "new-model", name: "New Model 1.0", organisation: "Lab", releaseDate: "2026-10-01" }],
    categories: [{ slug: "camera", nameZh: "运镜", nameEn: "Camera" }],
    prompts: [
      {
        key: "orbit",
        textEn: "The camera orbits a statue.",
        mode: "image_to_video",
        image: "images/start.png",
        categories: ["camera", "physics"],
      },
    ],
    clips: [
      {
        prompt: "orbit",
        model: "new-model",
        file: clipFile,
        promptLang: "en",
      },
      {
        prompt: "orbit",
        model: "veo-2",
        file: "clips/b.webm",
        promptLang: "en",
      },
    ],
  });

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-import-"));
    fs.mkdirSync(path.join(dir, "clips"));
    fs.mkdirSync(path.join(dir, "images"));
    fs.copyFileSync(path.join("media/demo", demo.clips[0]!.file), path.join(dir, "clips/a.webm"));
    fs.copyFileSync(path.join("media/demo", demo.clips[1]!.file), path.join(dir, "clips/b.webm"));
    fs.copyFileSync(path.join("media/demo", demo.clips[2]!.file), path.join(dir, "clips/c.webm"));
    fs.copyFileSync(path.join("media/demo", demo.images[0]!.file), path.join(dir, "images/start.png"));
    fs.writeFileSync(path.join(dir, "clips/notes.mp4"), "this is a text file with a video name\n");
    // Sparse: 201 MB on paper, nothing on disk.
    fs.closeSync(fs.openSync(path.join(dir, "clips/huge.mp4"), "w"));
    fs.truncateSync(path.join(dir, "clips/huge.mp4"), 201 * 1024 * 1024);
  });
  afterAll(async () => {
    await f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const counts = async () => ({
    models: await f.db.model.count(),
    prompts: await f.db.prompt.count(),
    clips: await f.db.clip.count(),
    categories: await f.db.category.count(),
  });

  test("reports every problem with where it is, and writes nothing", async () => {
    const before = await counts();
    const bad = manifest();
    bad.clips.push(
      {
        prompt: "orbit",
        model: "no-such-model",
        file: "clips/c.webm",
        promptLang: "en",
      },
      {
        prompt: "nope",
        model: "veo-2",
        file: "clips/notes.mp4",
        promptLang: "en",
      },
      {
        prompt: "orbit",
        model: "kling-1-6",
        file: "clips/huge.mp4",
        promptLang: "en",
      },
      {
        prompt: "orbit",
        model: "vidu",
        file: "clips/missing.webm",
        promptLang: "en",
      },
    );
    bad.prompts[0]!.categories.push("underwater");
    const badFile = write("bad.json", bad);
    const { problems, plan } = await planImport(f.db, badFile);
    expect(plan).toBeUndefined();
    // Each problem names the line it is on in the file.
    const lineOf = (needle: string) =>
      fs
        .readFileSync(badFile, "utf8")
        .split("\n")
        .findIndex((line) => line.includes(needle)) + 1;
    expect(problems).toEqual([
      {
        where: `line ${lineOf('"underwater"')} (prompts[0].categories[2])`,
        code: "unknown_category",
        params: { category: "underwater" },
        message: 'unknown category "underwater"',
      },
      {
        where: `line ${lineOf('"no-such-model"')} (clips[2].model)`,
        code: "unknown_model",
        params: { model: "no-such-model" },
        message: 'unknown model "no-such-model"',
      },
      {
        where: `line ${lineOf('"nope"')} (clips[3].prompt)`,
        code: "unknown_prompt",
        params: { prompt: "nope" },
        message: 'unknown prompt "nope"',
      },
    ]);
    // File checks run only once references are valid; check them on their own.
    const files = manifest("clips/notes.mp4");
    files.clips.push({
      prompt: "orbit",
      model: "kling-1-6",
      file: "clips/huge.mp4",
      promptLang: "en",
    });
    files.clips.push({
      prompt: "orbit",
      model: "vidu",
      file: "clips/missing.webm",
      promptLang: "en",
    });
    const fileProblems = (await planImport(f.db, write("files.json", files))).problems;
    expect(fileProblems).toEqual([
      {
        where: expect.stringMatching(/^line \d+ \(clips\[0\]\.file\)$/),
        code: "not_a_video",
        params: {},
        message: "not an MP4, WebM or MOV video (by its content)",
      },
      {
        where: expect.stringMatching(/\(clips\[2\]\.file\)$/),
        code: "file_too_large",
        params: { megabytes: "200" },
        message: "file is over 200 MB",
      },
      {
        where: expect.stringMatching(/\(clips\[3\]\.file\)$/),
        code: "no_such_file",
        params: { file: "clips/missing.webm" },
        message: "no such file: clips/missing.webm",
      },
    ]);
    expect((await planImport(f.db, write("escape.json", manifest("../../etc/passwd")))).problems).toEqual([
      {
        where: expect.stringMatching(/\(clips\[0\]\.file\)$/),
        code: "outside_folder",
        params: {},
        message: "must be a path inside the manifest's folder or an https:// URL",
      },
    ]);
    const broken = (await planImport(f.db, write("broken.json", '{\n  "clips": [\n    oops\n  ]\n}'))).problems;
    expect(broken[0]).toEqual({
      where: "line 3",
      code: "json_syntax",
      params: { detail: "InvalidSymbol" },
      message: expect.stringMatching(/^not valid JSON/),
    });
    expect(await counts()).toEqual(before);
  });

  test("imports a valid manifest, and a re-run changes nothing", { timeout: 300_000 }, async () => {
    const before = await counts();
    const file = write("good.json", manifest());
    const first = await planImport(f.db, file);
    expect(first.problems).toEqual([]);
    const progress: string[] = [];
    const summary = await applyImport(f.db, f.store, first.plan!, { log: (line) => progress.push(line) });
    expect(summary).toMatchObject({ models: 1, prompts: 1, clipsAdded: 2, clipsUnchanged: 0 });
    // One progress line per rendition set as it is done (the CLI prints them).
    expect(progress.map((line) => line.replace(/^\[\d\/2\] .+: /, ""))).toEqual(["rendered", "rendered"]);
    expect(await counts()).toEqual({
      models: before.models + 1,
      prompts: before.prompts + 1,
      clips: before.clips + 2,
      categories: before.categories + 1,
    });
    const clip = await f.db.clip.findFirstOrThrow({
      where: { model: { slug: "new-model" } },
      include: { prompt: { include: { categories: { include: { category: true } } } } },
    });
    // Duration and size are read from the file itself.
    const source = demo.clips[0]!;
    expect(clip).toMatchObject({
      mimeType: "video/mp4",
      placeholder: false,
      durationMs: source.durationMs,
      width: source.width,
    });
    expect(clip.prompt.categories.map((c) => c.category.slug).sort()).toEqual(["camera", "physics"]);
    expect(fs.existsSync(f.store.pathOf(clip.storageKey))).toBe(true);

    const again = await planImport(f.db, file);
    expect(again.plan?.prediction.summary.clipsUnchanged).toBe(2);
    progress.length = 0;
    expect(await applyImport(f.db, f.store, again.plan!, { log: (line) => progress.push(line) })).toMatchObject({
      clipsAdded: 0,
      clipsUnchanged: 2,
    });
    expect(progress).toEqual([]);
    expect(await counts()).toEqual({
      models: before.models + 1,
      prompts: before.prompts + 1,
      clips: before.clips + 2,
      categories: before.categories + 1,
    });
  });

  test(
    "a plan the database outgrew is refused, naming its line, and nothing is written",
    { timeout: 300_000 },
    async () => {
      const { plan } = await planImport(f.db, write("good.json", manifest()));
      expect(plan?.prediction.summary.clipsUnchanged).toBe(2);
      // Between the plan and its application, an operator retires one of the clips it keeps.
      const kept = await f.db.clip.findFirstOrThrow({ where: { model: { slug: "new-model" }, retiredAt: null } });
      await f.db.clip.update({ where: { id: kept.id }, data: { retiredAt: new Date() } });
      try {
        const before = await counts();
        const files = fs.readdirSync(f.store.root, { recursive: true }).length;
        await expect(applyImport(f.db, f.store, plan!)).rejects.toThrow(/^line \d+ \(clips\[\d\]\): .*retired/);
        expect(await counts()).toEqual(before);
        expect(fs.readdirSync(f.store.root, { recursive: true }).length).toBe(files);
      } finally {
        await f.db.clip.update({ where: { id: kept.id }, data: { retiredAt: null } });
      }
    },
  );

  test("a new file for a clip without votes replaces it", { timeout: 300_000 }, async () => {
    const { plan } = await planImport(f.db, write("replace.json", manifest("clips/c.webm")));
    expect(await applyImport(f.db, f.store, plan!)).toMatchObject({
      clipsAdded: 1,
      clipsUnchanged: 1,
      clipsRetired: 1,
    });
    expect(await f.db.clip.count({ where: { model: { slug: "new-model" } } })).toBe(1);
  });

  test(
    "the same bytes for another prompt share the stored files, which outlive the replacement of one clip",
    { timeout: 300_000 },
    async () => {
      const shared = {
        prompts: [
          { key: "share-1", textEn: "One.", mode: "text_to_video" },
          { key: "share-2", textEn: "Two.", mode: "text_to_video" },
        ],
        clips: [
          { prompt: "share-1", model: "new-model", file: "clips/a.webm", promptLang: "en" },
          { prompt: "share-2", model: "new-model", file: "clips/a.webm", promptLang: "en" },
          { prompt: "share-2", model: "veo-2", file: "clips/a.webm", promptLang: "en" },
        ],
      };
      const first = await planImport(f.db, write("shared.json", shared));
      expect(first.problems).toEqual([]);
      const predicted = first.plan!.prediction.summary;
      // The replacement above removed clips/a.webm's files: stored once now, shared by the other two.
      expect(predicted).toMatchObject({ clipsAdded: 3, filesStored: 1, filesReused: 2 });
      expect(await applyImport(f.db, f.store, first.plan!)).toEqual(predicted);
      const rows = await f.db.clip.findMany({ where: { prompt: { importKey: { in: ["share-1", "share-2"] } } } });
      expect(new Set(rows.map((r) => r.renditionKey)).size).toBe(1);
      const sharedKeys = [rows[0]!.storageKey, rows[0]!.renditionKey!];

      // Replacing share-1's clip (no votes: deleted) must not delete the files share-2 still uses.
      const replaced = {
        ...shared,
        clips: [{ prompt: "share-1", model: "new-model", file: "clips/b.webm", promptLang: "en" }],
      };
      const second = await planImport(f.db, write("replace-shared.json", replaced));
      expect(second.plan!.prediction.summary).toMatchObject({ clipsAdded: 1, clipsRetired: 1 });
      expect(await applyImport(f.db, f.store, second.plan!)).toEqual(second.plan!.prediction.summary);
      for (const key of sharedKeys) expect(fs.existsSync(f.store.pathOf(key))).toBe(true);
    },
  );

  test("two clips for one prompt and model, or a file ffmpeg cannot decode, are refused with their lines; nothing is written", async () => {
    fs.writeFileSync(
      path.join(dir, "clips/broken.mp4"),
      Buffer.concat([Buffer.from("\0\0\0\x18ftypisom\0\0\x02\0isomiso2", "latin1"), Buffer.alloc(8192, 9)]),
    );
    const [before, files] = [await counts(), fs.readdirSync(path.join(f.store.root, "clips")).length];
    const twice = manifest();
    twice.clips.push({ prompt: "orbit", model: "veo-2", file: "clips/c.webm", promptLang: "en" });
    const twiceFile = write("twice.json", twice);
    const lines = fs.readFileSync(twiceFile, "utf8").split("\n");
    const clipLines = lines.flatMap((line, i) =>
      line.trim() === "{" && lines[i + 1]?.includes('"prompt"') ? [i + 1] : [],
    );
    expect((await planImport(f.db, twiceFile)).problems).toEqual([
      {
        where: `line ${clipLines[2]} (clips[2])`,
        code: "second_clip",
        params: { prompt: "orbit", model: "veo-2", where: `line ${clipLines[1]} (clips[1])` },
        message: `a second clip for prompt "orbit" and model "veo-2" (line ${clipLines[1]} (clips[1]) has one)`,
      },
    ]);
    const broken = await planImport(f.db, write("broken.json", manifest("clips/broken.mp4")));
    expect(broken.problems).toEqual([
      {
        where: expect.stringMatching(/^line \d+ \(clips\[0\]\.file\)$/),
        code: "undecodable",
        params: {},
        message: "ffmpeg cannot decode this video",
      },
    ]);
    expect(await counts()).toEqual(before);
    expect(fs.readdirSync(path.join(f.store.root, "clips"))).toHaveLength(files);
  });
});
