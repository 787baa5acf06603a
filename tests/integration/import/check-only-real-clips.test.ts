import fs from "node:fs";
import path from "node:path";
import { ffmpegAvailable } from "../../ffmpeg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleImport } from "@/lib/http/admin-api";
import type { ImportSummary } from "@/lib/import/predict-import";
import { adminContextOf, adminRequest, formWith, type SignedIn, signInAs } from "../admin/admin-fixture";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

// The real clips live beside the repository (CI: ../shared); never copied into it.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(import.meta.dirname, "../../../../shared");
const REAL = path.join(SHARED_DIR, "real-clips");
const present = fs.existsSync(path.join(REAL, "manifest.json"));
if (!present && process.env.CI === "true") throw new Error(`the real clips are missing: ${REAL} (set SHARED_DIR)`);
if (!present) console.warn(`real clips not found at ${REAL}: skipping the check-only import test (set SHARED_DIR)`);

// Four of the smallest real clips: H.264 MP4 (ModelScope, Zeroscope) and VP9 WebM (CogVideoX).
const ICE_MODELSCOPE = "clips/ice-cube-melting-timelapse/modelscope-t2v.mp4";
const BIRD_COGVIDEO = "clips/hummingbird-flower-t2v/cogvideox-5b.webm";
const ARROW_COGVIDEO = "clips/anime-arrow-dodge-t2v/cogvideox-5b.webm";
const WHEELIE_ZEROSCOPE = "clips/fetv-149-motorcycle-wheelie/zeroscope-v2.mp4";

interface RealManifest {
  models: { slug: string }[];
  categories: { slug: string }[];
  prompts: { key: string }[];
}
interface Answer {
  dryRun: boolean;
  summary: ImportSummary;
}

/** A manifest of two real prompts and models; `iceFile` is the ice cube prompt's ModelScope clip. */
function manifestWith(iceFile: string): string {
  const real = JSON.parse(fs.readFileSync(path.join(REAL, "manifest.json"), "utf8")) as RealManifest;
  const clip = (prompt: string, model: string, file: string) => ({ prompt, model, file, promptLang: "en" });
  const manifest = {
    models: real.models.filter((m) => ["modelscope-t2v", "cogvideox-5b"].includes(m.slug)),
    categories: real.categories,
    prompts: real.prompts.filter((p) => ["ice-cube-melting-timelapse", "hummingbird-flower-t2v"].includes(p.key)),
    clips: [
      clip("ice-cube-melting-timelapse", "modelscope-t2v", iceFile),
      clip("ice-cube-melting-timelapse", "cogvideox-5b", BIRD_COGVIDEO),
      // The same bytes for another prompt: stored once, shared.
      clip("hummingbird-flower-t2v", "cogvideox-5b", BIRD_COGVIDEO),
    ],
  };
  return JSON.stringify(manifest, null, 2);
}

/** `line N (clips[i])`: where the import places clip i of a manifest written by manifestWith. */
function clipLine(text: string, i: number): string {
  const lines = text.split("\n");
  const clipsAt = lines.findIndex((line) => line.startsWith('  "clips": ['));
  const starts = lines.flatMap((line, n) => (n > clipsAt && line === "    {" ? [n + 1] : []));
  return `line ${starts[i]} (clips[${i}])`;
}

describe.skipIf(!present || !ffmpegAvailable("the check-only real-clip test")).each(testEngines)(
  "Check only on /admin/import with real clips on %s",
  (engine) => {
    let f: ArenaFixture;
    let admin: SignedIn;
    const send = async (text: string, dryRun: boolean) =>
      handleImport(
        adminContextOf(f),
        adminRequest("POST", "/api/admin/import", {
          as: admin,
          body: formWith({ dryRun: String(dryRun) }, { field: "manifest", name: "m.json", bytes: Buffer.from(text) }),
        }),
      );
    const answer = async (text: string, dryRun: boolean) => {
      const response = await send(text, dryRun);
      expect(response.status).toBe(200);
      return (await response.json()) as Answer;
    };
    /** Every row count an import may change, and every stored file. */
    const state = async () => ({
      models: await f.db.model.count(),
      categories: await f.db.category.count(),
      prompts: await f.db.prompt.count(),
      clips: await f.db.clip.findMany({ select: { id: true, retiredAt: true }, orderBy: { id: "asc" } }),
      audit: await f.db.auditLog.count(),
      files: fs.readdirSync(f.store.root, { recursive: true, encoding: "utf8" }).sort(),
    });
    /** Checks, then imports: the check writes nothing and predicts exactly what the import does. */
    const checkThenImport = async (text: string) => {
      const before = await state();
      const check = await answer(text, true);
      expect(check.dryRun).toBe(true);
      expect(await state()).toEqual(before);
      const run = await answer(text, false);
      expect(run).toEqual({ dryRun: false, summary: check.summary });
      return check.summary;
    };

    beforeAll(async () => {
      f = await createArenaFixture(engine);
      admin = await signInAs(f, "ops@example.org", "admin");
      const importDir = adminContextOf(f).importDir;
      for (const file of [ICE_MODELSCOPE, BIRD_COGVIDEO, ARROW_COGVIDEO, WHEELIE_ZEROSCOPE]) {
        fs.mkdirSync(path.dirname(path.join(importDir, file)), { recursive: true });
        fs.copyFileSync(path.join(REAL, file), path.join(importDir, file));
      }
    });
    afterAll(async () => {
      await f?.close();
    });

    test("the check predicts added, shared, unchanged, replaced and refused lines exactly as the import then does", async () => {
      const text = manifestWith(ICE_MODELSCOPE);
      const first = await checkThenImport(text);
      expect(first).toMatchObject({ clipsAdded: 3, clipsUnchanged: 0, filesStored: 2, filesReused: 1, refused: [] });
      expect(first.clips).toEqual([
        {
          where: clipLine(text, 0),
          prompt: "ice-cube-melting-timelapse",
          model: "modelscope-t2v",
          outcome: "added",
        },
        { where: clipLine(text, 1), prompt: "ice-cube-melting-timelapse", model: "cogvideox-5b", outcome: "added" },
        { where: clipLine(text, 2), prompt: "hummingbird-flower-t2v", model: "cogvideox-5b", outcome: "added" },
      ]);

      // Unchanged bytes are neither probed nor decoded again: the re-run works with no ffmpeg on PATH.
      const savedPath = process.env.PATH;
      process.env.PATH = fs.mkdtempSync(path.join(f.store.root, "no-ffmpeg-"));
      try {
        const again = await checkThenImport(manifestWith(ICE_MODELSCOPE));
        expect(again).toMatchObject({ clipsAdded: 0, clipsUnchanged: 3, filesStored: 0, filesReused: 0 });
        // New bytes still are: without ffmpeg the check says what to install.
        const unseen = await send(manifestWith(WHEELIE_ZEROSCOPE), true);
        expect(unseen.status).toBe(503);
        expect(await unseen.json()).toMatchObject({ error: { code: "ffmpeg_missing" } });
      } finally {
        process.env.PATH = savedPath;
      }

      // The ice cube clip is shown in a battle, then gets a new file: it is retired, not deleted.
      const iceClip = await f.db.clip.findFirstOrThrow({
        where: { prompt: { importKey: "ice-cube-melting-timelapse" }, model: { slug: "modelscope-t2v" } },
      });
      const rival = await f.db.clip.findFirstOrThrow({
        where: { prompt: { importKey: "ice-cube-melting-timelapse" }, model: { slug: "cogvideox-5b" } },
      });
      const voter = await f.db.voterSession.create({ data: { id: `check-only-voter-${engine}` } });
      await f.db.battle.create({
        data: {
          token: `check-only-battle-${engine}`,
          promptId: iceClip.promptId,
          leftClipId: iceClip.id,
          rightClipId: rival.id,
          voterSessionId: voter.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 600_000),
        },
      });
      const replaced = await checkThenImport(manifestWith(ARROW_COGVIDEO));
      expect(replaced).toMatchObject({ clipsAdded: 1, clipsUnchanged: 2, clipsRetired: 1, filesStored: 1 });
      expect(replaced.clips.map((c) => c.outcome)).toEqual(["replaced", "unchanged", "unchanged"]);
      expect(await f.db.clip.findUniqueOrThrow({ where: { id: iceClip.id } })).toMatchObject({
        retiredAt: expect.any(Date),
      });

      // Going back to the retired file is refused, with its line, by the check and by the import.
      const before = await state();
      const back = await answer(manifestWith(ICE_MODELSCOPE), true);
      expect(back.summary).toMatchObject({ clipsAdded: 0, clipsUnchanged: 0, clips: [] });
      expect(back.summary.refused).toEqual([
        {
          where: clipLine(text, 0),
          code: "retired",
          params: {
            prompt: "ice-cube-melting-timelapse",
            model: "modelscope-t2v",
            date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
          },
          message: expect.stringMatching(
            /^this file was retired for prompt "ice-cube-melting-timelapse" and model "modelscope-t2v" on \d{4}-\d\d-\d\d, .*not brought back$/,
          ),
        },
      ]);
      const refused = await send(manifestWith(ICE_MODELSCOPE), false);
      expect(refused.status).toBe(422);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("invalid_manifest");
      expect(error.message.split("\n").slice(1)).toEqual(back.summary.refused.map((p) => `${p.where}: ${p.message}`));
      expect(await state()).toEqual(before);
    });
  },
);
