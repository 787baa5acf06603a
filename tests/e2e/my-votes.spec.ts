import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";

// "My votes" (/me, issue 31 item 4): 20 votes cast through the API with the page's own cookie,
// then the page at both sizes in both languages; another browser sees nothing; deletion.
const SHOTS_DIR = process.env.SHOTS_DIR;
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const TEXT = {
  en: {
    title: "My votes",
    board: "Your own ranking",
    agreement: "Agreement with the crowd",
    more: /more counted vote/,
  },
  zh: { title: "我的投票", board: "你自己的排名", agreement: "与大众的一致率", more: /还需要/ },
} as const;

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  context = await browser.newContext({ baseURL });
  page = await context.newPage();
});
test.afterAll(() => context.close());

/** Serves `n` blind battles to this browser's voter, waits until each could be watched, votes on all. */
async function castVotes(n: number, baseURL: string) {
  const headers = { origin: baseURL };
  const battles: { battleId: string; durationMs: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    const response = await page.request.post("/api/battles", { data: { lang: "en" }, headers });
    expect(response.status()).toBe(201);
    battles.push((await response.json()) as { battleId: string; durationMs: number });
  }
  // A vote sooner than the clip could be watched once is flagged (too_fast) and does not count.
  await page.waitForTimeout(Math.max(...battles.map((b) => b.durationMs)) + 1000);
  const outcomes = ["left", "right", "left", "right", "tie"] as const;
  for (const [i, battle] of battles.entries()) {
    const response = await page.request.post(`/api/battles/${battle.battleId}/vote`, {
      data: { outcome: outcomes[i % outcomes.length] },
      headers,
    });
    expect(response.status()).toBe(201);
  }
}

test("before 20 votes the page says how many more are needed", async ({ baseURL }) => {
  await page.goto("/me?lang=en");
  await expect(page.getByRole("heading", { level: 1, name: TEXT.en.title })).toBeVisible();
  await expect(page.getByTestId("me-progress")).toContainText("20 more counted votes");
  await castVotes(3, baseURL!);
  await page.reload();
  await expect(page.getByTestId("me-progress")).toContainText("3 of your votes count");
  await expect(page.getByTestId("me-progress")).toContainText("17 more counted votes");
  const api = await page.request.get("/api/me/board");
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ countedVotes: 3, board: null, agreement: null });
});

test("after 20 votes: own ranking and agreement, at both sizes in both languages", async ({ baseURL }, info) => {
  await castVotes(17, baseURL!);
  const api = (await (await page.request.get("/api/me/board")).json()) as {
    countedVotes: number;
    board: { slug: string }[] | null;
  };
  expect(api.countedVotes).toBe(20);
  expect(api.board?.length).toBeGreaterThan(1);
  for (const viewport of VIEWPORTS)
    for (const lang of ["en", "zh"] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`/me?lang=${lang}`);
      await expect(page.getByRole("heading", { level: 2, name: TEXT[lang].board })).toBeVisible();
      await expect(page.getByTestId("my-board").locator("tbody tr")).toHaveCount(api.board!.length);
      await expect(page.getByRole("heading", { level: 2, name: TEXT[lang].agreement })).toBeVisible();
      await expect(page.getByTestId("me-progress")).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const name = `me-${viewport.name}-${lang}.png`;
      await page.screenshot({
        path: SHOTS_DIR ? path.join(SHOTS_DIR, name) : info.outputPath(name),
        fullPage: true,
      });
    }
});

test("the arena's reveal links the voter's own board after the 20th vote", async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/arena?lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.getByRole("button", { name: /A is better/ }).click();
  await expect(page.getByTestId("my-board-link")).toBeVisible();
  await expect(page.getByTestId("my-board-link")).toHaveAttribute("href", "/me");
});

test("another browser sees nothing of it", async ({ browser, baseURL }) => {
  const other = await browser.newContext({ baseURL });
  try {
    const response = await other.request.get("/api/me/board");
    expect(response.status()).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "no_voter_session" } });
    const otherPage = await other.newPage();
    await otherPage.goto("/me?lang=en");
    await expect(otherPage.getByTestId("me-progress")).toContainText("This browser has not voted here yet.");
    await expect(otherPage.getByTestId("my-board")).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test("deleting the votes empties the board", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/me?lang=en");
  await page.getByRole("button", { name: "Delete my votes" }).click();
  await page.getByRole("button", { name: "Delete all of them for good" }).click();
  await expect(page.getByTestId("delete-status")).toHaveText("Your votes were deleted.");
  await expect(page.getByTestId("me-progress")).toContainText("20 more counted votes");
  expect(await (await page.request.get("/api/me/board")).json()).toMatchObject({ countedVotes: 0, otherVotes: 0 });
});
