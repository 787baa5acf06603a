import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { demoPrompts } from "../../lib/demo/demo-content";

/** The English texts, read as a file: Playwright loads specs as ES modules, where JSON needs an import attribute. */
const en = JSON.parse(fs.readFileSync(path.resolve("messages/en.json"), "utf8")) as {
  site: { footerNoteOtherTakes: string };
};
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(process.cwd(), "../shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
/** First takes only (the manifest's default): none of its clips is a first take, so none is served. */
const HELD = "fetv-021-fire-burning";
/** Later takes allowed by the manifest, as an operator would for a set that records no first takes. */
const ALLOWED = "fetv-025-fireworks";

interface Manifest {
  models: { slug: string }[];
  prompts: { key: string; image?: string }[];
  clips: { prompt: string; model: string; file: string; firstTake?: boolean }[];
}

/** Imports the two prompts next to the demo (--keep-demo), into the web server's database. */
function importTwoPrompts() {
  const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as Manifest;
  const clips = manifest.clips.filter((clip) => clip.prompt === HELD || clip.prompt === ALLOWED);
  const models = new Set(clips.map((clip) => clip.model));
  const subset = {
    models: manifest.models.filter((model) => models.has(model.slug)),
    categories: [
      { slug: "e2e-held", nameZh: "首次生成", nameEn: "First takes only" },
      { slug: "e2e-allowed", nameZh: "允许非首次", nameEn: "Later takes allowed" },
    ],
    prompts: manifest.prompts
      .filter((prompt) => prompt.key === HELD || prompt.key === ALLOWED)
      .map((prompt) =>
        prompt.key === HELD
          ? { ...prompt, categories: ["e2e-held"] }
          : { ...prompt, categories: ["e2e-allowed"], otherTakesAllowed: true },
      ),
    clips,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-e2e-takes-"));
  for (const file of clips.map((clip) => clip.file)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(REAL_CLIPS, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(subset));
  execFileSync("npx", ["tsx", "scripts/import.ts", path.join(dir, "manifest.json"), "--keep-demo"], {
    env: { ...process.env, DATABASE_URL: "file:./data/e2e/arena.db", MEDIA_DIR: "./data/e2e/media" },
    stdio: "inherit",
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

test.describe("first takes and the demo apart, on real clips", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    if (!fs.existsSync(path.join(REAL_CLIPS, "manifest.json"))) {
      if (process.env.CI === "true") throw new Error(`real clips not found at ${REAL_CLIPS} (set SHARED_DIR)`);
      test.skip(true, `real clips not found at ${REAL_CLIPS}; set SHARED_DIR to the shared folder`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as Manifest;
    // The test relies on the real set's records: no clip of HELD is a first take.
    expect(manifest.clips.filter((c) => c.prompt === HELD).every((c) => c.firstTake === false)).toBe(true);
    importTwoPrompts();
  });

  const battle = (request: APIRequestContext, baseURL: string, data: object) =>
    request.post("/api/battles", { data, headers: { origin: baseURL } });

  test("a prompt whose clips are not first takes is not served; one allowing later takes is", async ({
    request,
    baseURL,
  }) => {
    const held = await battle(request, baseURL!, { category: "e2e-held", lang: "en" });
    expect(held.status()).toBe(404);
    expect(((await held.json()) as { error: { code: string } }).error.code).toBe("no_battle_available");
    const allowed = await battle(request, baseURL!, { category: "e2e-allowed", lang: "en" });
    expect(allowed.status()).toBe(201);
  });

  test("with real clips live, no battle shows a demo placeholder prompt", async ({ request, baseURL }) => {
    const demoTexts = new Set(demoPrompts.flatMap((p) => [p.textEn, p.textZh]));
    for (let n = 0; n < 15; n += 1) {
      const response = await battle(request, baseURL!, { lang: "en" });
      expect(response.status()).toBe(201);
      const { prompt } = (await response.json()) as { prompt: { text: string } };
      expect(demoTexts.has(prompt.text), prompt.text).toBe(false);
    }
  });

  test("the footer no longer claims first takes only, in both languages", async ({ page }) => {
    await page.goto("/?lang=en");
    await expect(page.locator("footer")).toContainText(en.site.footerNoteOtherTakes);
    await page.goto("/?lang=zh");
    await expect(page.locator("footer")).toContainText("运营者允许非首次生成的提示词除外");
  });
});
