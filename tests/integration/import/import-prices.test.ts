import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applyImport } from "@/lib/import/apply-import";
import { planImport } from "@/lib/import/plan-import";
import { readFactsInForce } from "@/lib/leaderboard/model-facts";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { ffmpegAvailable } from "../../ffmpeg";

const demo = JSON.parse(fs.readFileSync("media/demo/manifest.json", "utf8")) as { clips: { file: string }[] };

/** Prices and generation times through the import manifest (issue 34): validated, kept as a history, idempotent. */
describe.skipIf(!ffmpegAvailable("the price import tests")).each(testEngines)(
  "prices in the import manifest on %s",
  (engine) => {
    let f: ArenaFixture;
    let dir: string;
    const write = (name: string, manifest: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
      return file;
    };
    const manifest = (price: Record<string, unknown>) => ({
      models: [
        {
          slug: "priced-model",
          name: "Priced Model",
          organisation: "Lab",
          pricePerSecond: price,
          generationSeconds: { value: 140, date: "2026-02-01", source: "https://example.org/speed" },
        },
      ],
      prompts: [{ key: "priced", textEn: "A kite in the wind.", mode: "text_to_video", categories: [] }],
      clips: [
        {
          prompt: "priced",
          model: "priced-model",
          file: "clips/a.webm",
          promptLang: "en",
          generationSeconds: 131.5,
          generationCostUsd: 2.5,
        },
      ],
    });

    beforeAll(async () => {
      f = await createArenaFixture(engine);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-import-prices-"));
      fs.mkdirSync(path.join(dir, "clips"));
      fs.copyFileSync(path.join("media/demo", demo.clips[0]!.file), path.join(dir, "clips/a.webm"));
    });
    afterAll(async () => {
      await f.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test("bad facts are problems naming the field, and nothing is written", async () => {
      const good = { value: 0.5, currency: "USD", date: "2026-01-01", source: "https://example.org/p" };
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      for (const [bad, field] of [
        [{ ...good, value: -1 }, "value"],
        [{ ...good, currency: "CNY" }, "currency"],
        [{ ...good, source: "file:///etc/passwd" }, "source"],
        [{ ...good, date: future }, "date"],
      ] as const) {
        const { problems, plan } = await planImport(f.db, write("bad.json", manifest(bad)));
        expect(plan).toBeUndefined();
        expect(problems[0]?.where).toContain(`models[0].pricePerSecond.${field}`);
      }
      expect(await f.db.modelFact.count()).toBe(0);
    });

    test("facts and per-clip reports are stored; a re-run adds nothing; a new price joins the history", async () => {
      const first = { value: 0.5, currency: "USD", date: "2026-01-01", source: "https://example.org/p" };
      const run = async (price: Record<string, unknown>) => {
        const { problems, plan } = await planImport(f.db, write("good.json", manifest(price)));
        expect(problems).toEqual([]);
        await applyImport(f.db, f.store, plan!);
      };
      await run(first);
      await run(first);
      expect(await f.db.modelFact.count()).toBe(2);
      await run({ ...first, value: 0.4, date: "2026-03-01" });
      expect(await f.db.modelFact.count()).toBe(3);
      const inForce = (await readFactsInForce(f.db)).get("priced-model");
      expect(inForce).toEqual({
        pricePerSecond: { value: 0.4, date: "2026-03-01", sourceUrl: "https://example.org/p" },
        generationSeconds: { value: 140, date: "2026-02-01", sourceUrl: "https://example.org/speed" },
      });
      // The facts on an earlier day are the old price.
      expect(
        (await readFactsInForce(f.db, new Date("2026-02-15T00:00:00Z"))).get("priced-model")?.pricePerSecond?.value,
      ).toBe(0.5);
      const clip = await f.db.clip.findFirstOrThrow({ where: { model: { slug: "priced-model" } } });
      expect(clip).toMatchObject({ generationSeconds: 131.5, generationCostUsd: 2.5 });
    });
  },
);
