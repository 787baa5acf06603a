import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { importRealSubset, requireRealClips } from "./real-clips-fixture";

const SHOTS_DIR = process.env.SHOTS_DIR;

/**
 * Four clips at once (issue 32) on real clips. "e2e-quad-wide": five models at sizes from portrait
 * 480×832 to 1920×1080 (a landscape canvas); "e2e-quad-square": seven square clips; "e2e-quad-three":
 * three models only, where "Four clips" is off and says why.
 */
const WIDE_PROMPT = "nyc-woman-walk-t2v";
const SQUARE_PROMPT = "cherry-blossom-bloom-timelapse";
const THREE_PROMPT = "hummingbird-flower-t2v";
const THREE_SIZES = new Set(["480x720", "480x832", "720x480"]);

function importQuadSubset() {
  const manifest = requireRealClips();
  importRealSubset(manifest, {
    categories: [
      { slug: "e2e-quad-wide", nameZh: "四段·横屏", nameEn: "Quads, landscape" },
      { slug: "e2e-quad-square", nameZh: "四段·方形", nameEn: "Quads, square" },
      { slug: "e2e-quad-three", nameZh: "三个模型", nameEn: "Three models" },
    ],
    // The real set records no first takes: later takes are allowed, as an operator would.
    prompts: {
      [WIDE_PROMPT]: { categories: ["e2e-quad-wide"], otherTakesAllowed: true },
      [SQUARE_PROMPT]: { categories: ["e2e-quad-square"], otherTakesAllowed: true },
      [THREE_PROMPT]: { categories: ["e2e-quad-three"], otherTakesAllowed: true },
    },
    clips: (clip) => clip.prompt !== THREE_PROMPT || THREE_SIZES.has(`${clip.width}x${clip.height}`),
  });
}

const LABELS = {
  en: { best: "Best", two: "Two clips", four: "Four clips", why: "No prompt here has four models yet." },
  zh: { best: "最好", two: "两段视频", four: "四段视频", why: "这里暂无四个模型作答的提示词。" },
} as const;

async function shoot(page: Page, name: string) {
  if (SHOTS_DIR) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

test.describe("four clips on real clips", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    importQuadSubset();
  });

  const viewports = [
    { name: "phone", width: 390, height: 844 },
    { name: "desktop", width: 1440, height: 900 },
  ] as const;

  for (const viewport of viewports) {
    for (const lang of ["en", "zh"] as const) {
      for (const category of ["e2e-quad-wide", "e2e-quad-square"] as const) {
        test(`on a ${viewport.name} (${lang}, ${category}) the four clips, the controls and the votes are on the first screen`, async ({
          page,
        }) => {
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          await page.goto(`/arena?category=${category}&lang=${lang}&size=4`);
          await expect(page.locator("video")).toHaveCount(4);
          await expect(page.getByRole("link", { name: LABELS[lang].four })).toHaveAttribute("aria-current", "page");
          // The frames know their clips' shape before anything is measured.
          await page.waitForFunction(() => [...document.querySelectorAll("video")].every((v) => v.dataset.clipAspect));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          const frames = await page
            .locator(".clip-frame")
            .evaluateAll((all) => all.map((f) => f.getBoundingClientRect().toJSON() as DOMRect));
          // Two by two on a phone, four across on a desktop; equal frames, all inside the first screen.
          expect(new Set(frames.map((f) => Math.round(f.y))).size).toBe(viewport.name === "phone" ? 2 : 1);
          for (const frame of frames) {
            expect(frame.y).toBeGreaterThanOrEqual(0);
            expect(frame.y + frame.height).toBeLessThanOrEqual(viewport.height);
            expect(frame.width).toBeCloseTo(frames[0]!.width, 0);
            expect(frame.height).toBeCloseTo(frames[0]!.height, 0);
            expect(frame.height).toBeGreaterThan(viewport.name === "phone" ? 75 : 140);
          }
          for (const selector of [".player-controls", ".quad-pick-row >> nth=1", ".quad-send-row"]) {
            const box = (await page.locator(selector).boundingBox())!;
            expect(box.y + box.height, `${selector} on the first screen`).toBeLessThanOrEqual(viewport.height);
          }
          // Voting opens once every clip has played through; the first screen then holds the whole choice.
          await expect(
            page.getByRole("group", { name: LABELS[lang].best, exact: true }).getByRole("button", { name: "A" }),
          ).toBeEnabled();
          await expectNoSeriousViolations(page, `${category} ${lang} ${viewport.name}`);
          await shoot(page, `quad-${viewport.name}-${lang}-${category}`);
          await page.keyboard.press("1");
          await page.keyboard.press("Shift+3");
          const voted = page.waitForResponse((response) => /\/vote$/.test(response.url()));
          await page.keyboard.press("Enter");
          const vote = await voted;
          expect(vote.status()).toBe(201);
          expect(vote.request().postDataJSON()).toEqual({ best: "a", worst: "c" });
          await expect(page.locator(".reveal-panel")).toBeInViewport();
          for (const side of ["a", "b", "c", "d"])
            await expect(page.getByTestId(`reveal-${side}`)).toHaveAttribute("href", /^\/models\/[a-z0-9-]+$/);
          await shoot(page, `quad-${viewport.name}-${lang}-${category}-revealed`);
        });
      }
    }
  }

  for (const lang of ["en", "zh"] as const) {
    test(`where no prompt has four models, "four clips" is off and says why (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      // Even when four were asked for: the category serves pairs.
      await page.goto(`/arena?category=e2e-quad-three&lang=${lang}&size=4`);
      await expect(page.locator("video")).toHaveCount(2);
      const four = page.getByTestId("size-four");
      await expect(four).toHaveAttribute("aria-disabled", "true");
      await expect(four).not.toHaveAttribute("href");
      await expect(page.locator("#size-four-why")).toHaveText(LABELS[lang].why);
      // The reason wraps under the switch on a phone, never past the screen's edge.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const why = (await page.locator("#size-four-why").boundingBox())!;
      expect(why.x + why.width).toBeLessThanOrEqual(390);
      await expect(page.getByRole("link", { name: LABELS[lang].two })).toHaveAttribute("aria-current", "page");
      await expectNoSeriousViolations(page, `three models ${lang}`);
      await shoot(page, `quad-unavailable-${lang}`);
    });
  }
});
