import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";

// The real clips live outside the repository (never committed): <repo>/../shared, or SHARED_DIR.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(process.cwd(), "../shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const SHOTS_DIR = process.env.SHOTS_DIR;

/**
 * Prompts imported for the e2e run. "e2e-open" holds only clips under Apache-2.0 or CC-BY-4.0
 * (SOURCES.md), the ones screenshots may show; "e2e-real" adds a prompt whose clips range from
 * portrait 480×832 to 1920×1080, VP9 and H.264.
 */
const OPEN_PROMPTS = ["fetv-001-horse-race", "duck-swimming-lake-i2v", "cherry-blossom-bloom-timelapse"];
const OTHER_PROMPTS = ["nyc-woman-walk-t2v"];

interface Manifest {
  models: { slug: string }[];
  categories: { slug: string; nameZh: string; nameEn: string }[];
  prompts: { key: string; image?: string; categories?: string[] }[];
  clips: { prompt: string; model: string; file: string }[];
}

/** A manifest of the chosen prompts next to copies of their real files, imported with `npm run import`. */
function importRealSubset() {
  const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as Manifest;
  const keys = new Set([...OPEN_PROMPTS, ...OTHER_PROMPTS]);
  const clips = manifest.clips.filter((clip) => keys.has(clip.prompt));
  const models = new Set(clips.map((clip) => clip.model));
  const subset = {
    models: manifest.models.filter((model) => models.has(model.slug)),
    categories: [
      { slug: "e2e-open", nameZh: "开放许可视频", nameEn: "Openly licensed clips" },
      { slug: "e2e-real", nameZh: "真实视频", nameEn: "Real clips" },
    ],
    prompts: manifest.prompts
      .filter((prompt) => keys.has(prompt.key))
      .map((prompt) => ({
        ...prompt,
        categories: OPEN_PROMPTS.includes(prompt.key) ? ["e2e-open", "e2e-real"] : ["e2e-real"],
      })),
    clips,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-e2e-real-"));
  // Copies, not links: the import refuses symbolic links. Only the subset's files (a few MB), in /tmp.
  const files = [...subset.clips.map((clip) => clip.file), ...subset.prompts.flatMap((prompt) => prompt.image ?? [])];
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(REAL_CLIPS, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(subset));
  // Same database and media folder as the web server in playwright.config.ts.
  execFileSync("npx", ["tsx", "scripts/import.ts", path.join(dir, "manifest.json")], {
    env: { ...process.env, DATABASE_URL: "file:./data/e2e/arena.db", MEDIA_DIR: "./data/e2e/media" },
    stdio: "inherit",
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

test.describe("the arena on real clips", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    if (!fs.existsSync(path.join(REAL_CLIPS, "manifest.json"))) {
      if (process.env.CI === "true") throw new Error(`real clips not found at ${REAL_CLIPS} (set SHARED_DIR)`);
      test.skip(true, `real clips not found at ${REAL_CLIPS}; set SHARED_DIR to the shared folder`);
    }
    importRealSubset();
  });

  async function openArena(page: Page, category: string, lang: "en" | "zh") {
    await page.goto(`/arena?category=${category}&lang=${lang}`);
    await expect(page.locator("video")).toHaveCount(2, { timeout: 20_000 });
  }

  async function shoot(page: Page, name: string) {
    if (SHOTS_DIR) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
  }

  for (const viewport of [
    { name: "phone", width: 390, height: 844 },
    { name: "desktop", width: 1440, height: 900 },
  ]) {
    test(`on a ${viewport.name} both clips, the controls and the votes are on the first screen`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openArena(page, "e2e-real", "en");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Wholly inside the first screen, and the frames are the same size whatever the clips' shapes.
      const boxes = await Promise.all(
        [page.locator(".clip-frame").nth(0), page.locator(".clip-frame").nth(1)].map((frame) => frame.boundingBox()),
      );
      for (const box of boxes) {
        expect(box).not.toBeNull();
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
        expect(box!.height).toBeGreaterThan(100);
      }
      expect(boxes[0]!.width).toBeCloseTo(boxes[1]!.width, 0);
      expect(boxes[0]!.height).toBeCloseTo(boxes[1]!.height, 0);
      for (const name of [/Pause all|Play all/, /Restart all/, /A is better/, /B is better/, /Skip/]) {
        const box = await page.getByRole("button", { name }).boundingBox();
        expect(box!.y + box!.height, `${String(name)} on the first screen`).toBeLessThanOrEqual(viewport.height);
      }
      // Nothing is drawn over the clips or the controls: the element at each centre is the element itself.
      for (const selector of ["video >> nth=0", "video >> nth=1", ".player-controls button >> nth=0"]) {
        const covered = await page.locator(selector).evaluate((element) => {
          const r = element.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !(top === element || element.contains(top));
        });
        expect(covered, `${selector} is covered`).toBe(false);
      }
      await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled({ timeout: 30_000 });
      await shoot(page, `arena-${viewport.name}-en`);
      await page.getByRole("button", { name: /B is better/ }).click();
      const reveal = page.locator(".reveal-panel");
      await expect(reveal).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId("reveal-left")).toHaveAttribute("href", /^\/models\/[a-z0-9-]+$/);
      await expect(page.getByTestId("standing-right")).not.toHaveText("…");
      await shoot(page, `arena-${viewport.name}-en-revealed`);
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.getByRole("button", { name: /Next battle/ }).click();
      await expect(page.getByRole("button", { name: /A is better/ })).toBeVisible();
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    });
  }

  test("clips of different lengths restart together when the longer one ends", async ({ page }) => {
    await openArena(page, "e2e-real", "en");
    await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled({ timeout: 30_000 });
    // Right after a restart both clips are near their start, whatever their lengths.
    await page
      .locator("video")
      .first()
      .evaluate(
        (video: HTMLVideoElement) =>
          new Promise<void>((resolve) => video.addEventListener("seeked", () => resolve(), { once: true })),
      );
    const times = await page
      .locator("video")
      .evaluateAll((videos) => (videos as HTMLVideoElement[]).map((video) => video.currentTime));
    for (const time of times) expect(time).toBeLessThan(0.6);
  });

  test("keys vote right after ticking a failure tag", async ({ page }) => {
    await openArena(page, "e2e-real", "en");
    await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled({ timeout: 30_000 });
    await page.locator("summary", { hasText: "Problems in B" }).click();
    const tag = page.locator("details[open]").getByRole("checkbox").first();
    await tag.check();
    await expect(tag).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByTestId("reveal-left")).toBeVisible();
  });

  test("a clip that fails to play says so, and Skip reports it to the operators", async ({ page }) => {
    // The browser gets a broken clip B: what a missing or undecodable file looks like to a voter.
    await page.route(/\/media\/[^/]+\/b$/, (route) => route.fulfill({ status: 404, body: "" }));
    await openArena(page, "e2e-real", "en");
    await expect(page.getByText("Clip B could not be played.", { exact: false }).first()).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByRole("button", { name: /B is better/ })).toBeDisabled();
    const skipped = page.waitForResponse((response) => /\/skip$/.test(response.url()));
    await page.getByRole("button", { name: /Skip/ }).click();
    const response = await skipped;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual({ playbackFailure: "right" });
    await expect(page.locator("video")).toHaveCount(2);
  });

  test("reduced motion: nothing plays until asked", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await openArena(page, "e2e-real", "en");
    await expect(page.getByRole("button", { name: "Play all" })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(await page.locator("video").evaluateAll((v) => (v as HTMLVideoElement[]).every((x) => x.paused))).toBe(true);
    await page.getByRole("button", { name: "Play all" }).click();
    await expect(page.getByRole("button", { name: "Pause all" })).toBeVisible();
  });

  test("at 200% zoom a clip is on the first screen", async ({ page }) => {
    // 1440×900 at 200% zoom lays out like a 720×450 window.
    await page.setViewportSize({ width: 720, height: 450 });
    await openArena(page, "e2e-real", "en");
    const box = await page.locator("video").first().boundingBox();
    expect(box!.y + box!.height / 2).toBeLessThan(450);
  });

  for (const lang of ["en", "zh"] as const) {
    for (const viewport of [
      { name: "phone", width: 390, height: 844 },
      { name: "desktop", width: 1440, height: 900 },
    ]) {
      test(`screenshots: arena on open clips and leaderboard, ${viewport.name}, ${lang}`, async ({ page }) => {
        test.skip(!SHOTS_DIR, "SHOTS_DIR not set");
        await page.setViewportSize(viewport);
        await openArena(page, "e2e-open", lang);
        await expect(page.locator(".vote-buttons button").first()).toBeEnabled({ timeout: 30_000 });
        await shoot(page, `open-arena-${viewport.name}-${lang}`);
        await page.locator(".vote-buttons button").first().click();
        await expect(page.locator(".reveal-panel")).toBeInViewport();
        await page.waitForTimeout(500);
        await shoot(page, `open-arena-${viewport.name}-${lang}-revealed`);
        await page.goto(`/leaderboard?lang=${lang}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // Rank, model, rating and interval of a row are inside the window: no sideways scrolling.
        const row = page.locator(".leaderboard-table tbody tr").first();
        for (const cell of [1, 2, 4, 5]) {
          const box = await row.locator(`td:nth-child(${cell})`).boundingBox();
          expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        }
        await page.screenshot({
          path: path.join(SHOTS_DIR!, `leaderboard-${viewport.name}-${lang}.png`),
          fullPage: true,
        });
      });
    }
  }
});
