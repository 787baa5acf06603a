import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page, test } from "@playwright/test";
import { createOperator, submitSignIn } from "./operator-account";
import { ownServer } from "./own-server";

// Its own server, asking the survey after every vote (RECOGNITION_SURVEY_EVERY=1); the suite's
// server (playwright.config.ts) never asks, so the other specs see the reveal straight away.
const server = ownServer("survey", 1, {
  RECOGNITION_SURVEY_EVERY: "1",
  RECOMPUTE_AFTER_VOTES: "1",
  RECOMPUTE_CHECK_SECONDS: "1",
  BT_BOOTSTRAP_ROUNDS: "50",
});
const { base: BASE, dir: DIR, databaseUrl: DATABASE_URL } = server;
const SHOTS_DIR = process.env.SHOTS_DIR;
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const TEXT = {
  en: { voteA: /A is better/, neither: /No, neither/, skip: /Skip this question/, send: /^Send$/, held: /last frame/ },
  zh: { voteA: /A 更好/, neither: /没有，都没认出/, skip: /跳过这个问题/, send: /^提交$/, held: /最后一帧/ },
} as const;

const db = () => new Database(path.join(DIR, "arena.db"));

test.beforeAll(async () => {
  test.setTimeout(600_000);
  await server.start();
  // The demo's clips all have one length; say one held its last frame, so the reveal's note shows
  // (a display fact only: it is read from the clip row when the vote is revealed).
  const sqlite = db();
  sqlite.prepare(`UPDATE "Clip" SET "heldLastFrameMs" = 1500`).run();
  sqlite.close();
});

test.afterAll(() => {
  server.stop();
});

/** The stored survey columns of the voter's votes, newest last. */
function storedAnswers(): {
  recognisedModelId: string | null;
  recognitionAnsweredAt: unknown;
  recognisedCorrectly: number;
}[] {
  const sqlite = db();
  try {
    return sqlite
      .prepare(
        `SELECT "recognisedModelId", "recognitionAnsweredAt", "recognisedCorrectly" FROM "Vote" ORDER BY "createdAt"`,
      )
      .all() as { recognisedModelId: string | null; recognitionAnsweredAt: unknown; recognisedCorrectly: number }[];
  } finally {
    sqlite.close();
  }
}

async function voteUntilSurvey(page: Page, lang: "en" | "zh") {
  await expect(page.getByRole("button", { name: TEXT[lang].voteA })).toBeEnabled();
  await page.getByRole("button", { name: TEXT[lang].voteA }).click();
  await expect(page.getByTestId("recognition-survey")).toBeVisible();
  // Before the answer nothing names the battle's models.
  await expect(page.getByTestId("reveal-left")).toHaveCount(0);
  await expect(page.getByTestId("clip-name-left")).toHaveCount(0);
}

for (const viewport of VIEWPORTS)
  for (const lang of ["en", "zh"] as const) {
    test(`the survey is asked before the reveal and answered, ${viewport.name}, ${lang}`, async ({ page }, info) => {
      await page.setViewportSize(viewport);
      await page.goto(`${BASE}/arena?lang=${lang}`);
      const before = storedAnswers().length;

      // 1: name a model from the list, then the reveal.
      await voteUntilSurvey(page, lang);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const shot = (name: string) =>
        page.screenshot({ path: SHOTS_DIR ? path.join(SHOTS_DIR, `${name}.png`) : info.outputPath(`${name}.png`) });
      await page.getByTestId("recognition-survey").scrollIntoViewIfNeeded();
      await shot(`survey-${viewport.name}-${lang}`);
      const select = page.getByTestId("recognition-survey").locator("select");
      const options = await select.locator("option").allTextContents();
      expect(options.length).toBeGreaterThan(3); // "choose" and at least three models of the prompt
      await select.selectOption({ index: 1 });
      const answered = page.waitForResponse((r) => r.url().endsWith("/recognition"));
      await page.getByRole("button", { name: TEXT[lang].send }).click();
      expect((await answered).status()).toBe(201);
      await expect(page.getByTestId("reveal-left")).toBeVisible();
      await expect(page.getByTestId("held-left")).toHaveText(TEXT[lang].held);
      await shot(`survey-reveal-${viewport.name}-${lang}`);
      const afterFirst = storedAnswers();
      expect(afterFirst).toHaveLength(before + 1);
      expect(afterFirst.at(-1)?.recognitionAnsweredAt).not.toBeNull();
      expect(afterFirst.at(-1)?.recognisedModelId).not.toBeNull();

      // 2: "neither" is one tap.
      await page.keyboard.press("n");
      await voteUntilSurvey(page, lang);
      await page.getByRole("button", { name: TEXT[lang].neither }).click();
      await expect(page.getByTestId("reveal-left")).toBeVisible();
      await expect.poll(() => storedAnswers().at(-1)?.recognitionAnsweredAt ?? null).not.toBeNull();
      expect(storedAnswers().at(-1)?.recognisedModelId).toBeNull();

      // 3: skipping is one tap and sends nothing; the vote stays.
      const sent: string[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith("/recognition")) sent.push(request.url());
      });
      await page.keyboard.press("n");
      await voteUntilSurvey(page, lang);
      await page.getByRole("button", { name: TEXT[lang].skip }).click();
      await expect(page.getByTestId("reveal-left")).toBeVisible();
      expect(sent).toEqual([]);
      const last = storedAnswers();
      expect(last).toHaveLength(before + 3);
      expect(last.at(-1)?.recognitionAnsweredAt).toBeNull();
    });
  }

test("the operator sets a prompt's delivery length and is told what to render", async ({ page }) => {
  const email = "survey-operator@example.org";
  const password = "a long enough operator password";
  createOperator(email, password, DATABASE_URL);
  await page.setViewportSize({ width: 390, height: 844 });
  // An operator page answers 401 with the sign-in form; signing in shows the page.
  await page.goto(`${BASE}/admin/prompts?lang=en`);
  await submitSignIn(page, email, password);
  const promptLink = page.locator('a[href^="/admin/prompts/c"]').first();
  await expect(promptLink).toBeVisible();
  await promptLink.click();
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Delivery length" }) });
  await expect(section.getByTestId("delivery-length-now")).toContainText("shortest clip");
  await section.locator('input[name="deliveryLengthMs"]').fill("600000");
  await section.locator('input[name="reason"]').fill("longer clips should play whole");
  await section.getByRole("button", { name: "Save length" }).click();
  await expect(section.getByTestId("delivery-length-now")).toContainText("as chosen");
  await section.scrollIntoViewIfNeeded();
  if (SHOTS_DIR) await section.screenshot({ path: path.join(SHOTS_DIR, "delivery-length-phone-en.png") });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${page.url().split("?")[0]}?lang=zh`);
  const zh = page.locator("section", { has: page.getByRole("heading", { name: "播放时长" }) });
  await expect(zh.getByTestId("delivery-length-now")).toContainText("按所选时长");
  if (SHOTS_DIR) await zh.screenshot({ path: path.join(SHOTS_DIR, "delivery-length-desktop-zh.png") });
});

for (const viewport of VIEWPORTS)
  for (const lang of ["en", "zh"] as const) {
    test(`the data page publishes the rates and links the refit board, ${viewport.name}, ${lang}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      // The votes above were answered; a recompute publishes them within seconds.
      await expect
        .poll(async () => {
          await page.goto(`${BASE}/data?lang=${lang}`);
          return page.getByTestId("recognition-rates").locator("tbody tr").count();
        })
        .toBeGreaterThan(2);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const section = page.locator("section", { has: page.getByTestId("recognition-rates") });
      if (SHOTS_DIR)
        await section.screenshot({ path: path.join(SHOTS_DIR, `data-rates-${viewport.name}-${lang}.png`) });
      const api = (await (await fetch(`${BASE}/api/leaderboard/recognition`)).json()) as { rows: unknown[] };
      expect(await page.getByTestId("recognition-rates").locator("tbody tr").count()).toBe(api.rows.length);
      await section.locator('a[href="/leaderboard?exclude=recognised"]').click();
      await expect(page).toHaveURL(/exclude=recognised/);
      await expect(page.getByRole("status").filter({ hasText: lang === "en" ? /left out/ : /已排除/ })).toBeVisible();
    });
  }
