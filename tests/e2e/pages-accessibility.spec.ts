import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { createOperator, submitSignIn } from "./operator-account";

const EMAIL = "e2e-axe@example.org";
const PASSWORD = "an accessibility password";
const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const LANGS = ["zh", "en"] as const;
// Set SHOTS_DIR to also save a full-page screenshot of every page, size and language (for review).
const SHOTS_DIR = process.env.SHOTS_DIR;

/** Public pages; the model page and a compare view are added once their ids are known. */
const PUBLIC = [
  "/",
  "/arena",
  "/compare",
  "/leaderboard",
  "/leaderboard?control=style",
  "/leaderboard/failures",
  "/prompts",
  "/data",
  "/api-docs",
  "/signin",
  "/no-such-page",
];
const OPERATOR = ["/admin", "/admin/prompts", "/admin/votes", "/admin/import", "/account"];

/** `path` with `?lang=` (proxy.ts turns it into the language cookie) added. */
const withLang = (url: string, lang: string) => `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;

async function visit(page: Page, url: string, lang: string, size: string) {
  await page.goto(withLang(url, lang));
  await expect(page.locator("main")).toBeVisible();
  // Client components (the arena, the compare player) settle before the check.
  await page.waitForLoadState("networkidle");
  const label = `${url} ${lang} ${size}`;
  await expectNoSeriousViolations(page, label);
  if (SHOTS_DIR) {
    const name = `${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${lang}-${size}.png`;
    await page.screenshot({ path: path.join(SHOTS_DIR, name), fullPage: true });
  }
}

async function signedInPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto("/signin?lang=en");
  await submitSignIn(page, EMAIL, PASSWORD);
  // Without a page to return to, an admin lands on the operator console.
  await page.waitForURL("**/admin");
  return page;
}

test.beforeAll(() => {
  createOperator(EMAIL, PASSWORD);
  // /compare and the prompt pages show published prompts only: publish the newest one, as an
  // operator would (the rest stay in the blind pool for the arena's tests).
  const db = new Database("data/e2e/arena.db");
  db.prepare(
    `UPDATE "Prompt" SET "publishedAt" = ? WHERE "id" = (SELECT "id" FROM "Prompt" ORDER BY "createdAt" DESC LIMIT 1)`,
  ).run(new Date().toISOString().replace("Z", "+00:00"));
  db.close();
  if (SHOTS_DIR) fs.mkdirSync(SHOTS_DIR, { recursive: true });
});

for (const size of SIZES) {
  test(`public pages have no serious accessibility violation on a ${size.name}, in Chinese and English`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto("/compare?lang=en");
    const promptId = await page.locator('select[name="prompt"] option:not([disabled])').first().getAttribute("value");
    const models = await page
      .locator('input[name="models"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const [a, b, c] = models;
    const pages = [
      ...PUBLIC,
      `/models/${a}`,
      `/prompts/${promptId}`,
      `/compare?prompt=${promptId}&models=${a},${b}`,
      // Four at once, and a request with something wrong in it (one model): the alert is checked too.
      `/compare?prompt=${promptId}&models=${a},${b},${c},${models[3]}`,
      `/compare?prompt=${promptId}&models=${a}`,
    ];
    for (const lang of LANGS) for (const url of pages) await visit(page, url, lang, size.name);
  });

  test(`operator pages have no serious accessibility violation on a ${size.name}, in Chinese and English`, async ({
    browser,
  }) => {
    const page = await signedInPage(browser, size);
    await page.goto("/admin/prompts?lang=en");
    const prompt = await page.locator('a[href^="/admin/prompts/"]').first().getAttribute("href");
    await page.goto("/admin/votes?status=all&lang=en");
    // One voter's votes, with the whole-session forms, when the run has votes by then.
    const voter = await page
      .locator('a[href*="voter="]')
      .first()
      .getAttribute("href", { timeout: 1_000 })
      .catch(() => null);
    const pages = [
      ...OPERATOR,
      prompt ?? "/admin/prompts",
      "/admin/votes?status=all",
      ...(voter ? [voter] : []),
      // Public pages as an operator sees them: the header names them.
      "/",
      "/data",
    ];
    for (const lang of LANGS)
      for (const url of pages) {
        await visit(page, url, lang, size.name);
        // Operator tables are cards on a phone: nothing scrolls sideways.
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${url} ${lang} ${size.name}: page width`).toBeLessThanOrEqual(size.width);
      }
    await page.context().close();
  });
}
