import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { demoPrompts } from "../../lib/demo/demo-content";
import { importRealSubset, requireRealClips } from "./real-clips-fixture";

/** The English texts, read as a file: Playwright loads specs as ES modules, where JSON needs an import attribute. */
const en = JSON.parse(fs.readFileSync(path.resolve("messages/en.json"), "utf8")) as {
  site: { footerNoteOtherTakes: string };
};
/** First takes only (the manifest's default): none of its clips is a first take, so none is served. */
const HELD = "fetv-021-fire-burning";
/** Later takes allowed by the manifest, as an operator would for a set that records no first takes. */
const ALLOWED = "fetv-025-fireworks";

test.describe("first takes and the demo apart, on real clips", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(() => {
    const manifest = requireRealClips();
    // The test relies on the real set's records: no clip of HELD is a first take.
    expect(manifest.clips.filter((c) => c.prompt === HELD).every((c) => c.firstTake === false)).toBe(true);
    importRealSubset(manifest, {
      categories: [
        { slug: "e2e-held", nameZh: "首次生成", nameEn: "First takes only" },
        { slug: "e2e-allowed", nameZh: "允许非首次", nameEn: "Later takes allowed" },
      ],
      prompts: {
        [HELD]: { categories: ["e2e-held"] },
        [ALLOWED]: { categories: ["e2e-allowed"], otherTakesAllowed: true },
      },
    });
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
