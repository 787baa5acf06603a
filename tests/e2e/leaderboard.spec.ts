import { expect, type Page, test } from "@playwright/test";
import path from "node:path";

async function countedVotes(page: Page): Promise<number> {
  const response = await page.request.get("/api/leaderboard");
  return ((await response.json()) as { votes: number }).votes;
}

test("a vote cast in the arena shows up on the leaderboard after the next recompute", async ({ page }) => {
  const before = await countedVotes(page);
  await page.goto("/arena?lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.getByRole("button", { name: /A is better/ }).click();
  const winner = await page.getByTestId("reveal-left").innerText();

  // The server recomputes after every vote in the test configuration (RECOMPUTE_AFTER_VOTES=1).
  await expect.poll(() => countedVotes(page)).toBe(before + 1);
  await page.goto("/leaderboard?lang=en");
  await expect(page.getByRole("status").filter({ hasText: `Based on ${before + 1} vote` })).toBeVisible();
  await expect(
    page
      .getByRole("table")
      .first()
      .getByRole("link", { name: winner.replace(/your pick$/, "").trim() }),
  ).toBeVisible();
});

test("the rating chart's keyboard layer is named by the chart's title", async ({ page }) => {
  await page.goto("/leaderboard?lang=zh");
  const chart = page.getByRole("figure", { name: "评分及 95% 置信区间" });
  await expect(chart).toBeVisible();
  // Recharts makes the chart focusable (role application); without a title Tab reached a nameless control.
  await expect(chart.getByRole("application", { name: "评分及 95% 置信区间" })).toBeAttached();
});

test("a reader switches category and method", async ({ page }) => {
  await page.goto("/leaderboard?lang=en");
  await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "Physics" }).click();
  await expect(page).toHaveURL(/category=physics/);
  await expect(
    page.getByRole("navigation", { name: "Category" }).getByRole("link", { name: "Physics" }),
  ).toHaveAttribute("aria-current", "page");
  await page.getByRole("navigation", { name: "Rating method" }).getByRole("link", { name: "Online Elo" }).click();
  await expect(page).toHaveURL(/category=physics.*method=elo|method=elo.*category=physics/);
  await expect(
    page.getByRole("navigation", { name: "Rating method" }).getByRole("link", { name: "Online Elo" }),
  ).toHaveAttribute("aria-current", "page");
  await page.goto("/leaderboard?lang=zh");
  await expect(page.getByRole("heading", { level: 1, name: "排行榜" })).toBeVisible();
});

// Issue 32 item 8: the "Vote type" filter (the "votes from": pairs, quads or both) is a labelled control of the
// filters form, and the board it shows says which votes count.
test("a reader counts pair votes only with the votes-from filter", async ({ page }) => {
  await page.goto("/leaderboard?lang=en");
  await page.locator("details.board-filters summary").click();
  await page.getByLabel("Vote type").selectOption("pairs");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/votesFrom=pairs/);
  await expect(page.getByLabel("Vote type")).toHaveValue("pairs");
  await expect(page.getByRole("status").filter({ hasText: "Only pair (A/B) votes count here." })).toBeVisible();
});

// Issue 27 item 4: the board says what its intervals resample (whole voters by default, or single
// votes when there are too few voters) and, under the matrices, how far a left/right term would
// move it; at both sizes in both languages, without sideways scrolling.
const SHOTS_DIR = process.env.SHOTS_DIR;
const BOARD_TEXT = {
  en: { resample: /resample whole voters|too few to resample as groups/, term: /left\/right term/ },
  zh: { resample: /按整位投票者重抽样|不足以整组重抽样/, term: /左右位置项/ },
} as const;

test.describe("resampling unit and position term", () => {
  // Enough counted votes for established models (20 each), so the board has a move to publish.
  test.beforeAll(async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const headers = { origin: baseURL as string };
    const battles: { battleId: string; durationMs: number }[] = [];
    for (let i = 0; i < 48; i += 1) {
      const response = await page.request.post("/api/battles", { data: { lang: "en" }, headers });
      expect(response.status()).toBe(201);
      battles.push((await response.json()) as { battleId: string; durationMs: number });
    }
    // A vote sooner than the clip could be watched once is flagged (too_fast) and does not count.
    await page.waitForTimeout(Math.max(...battles.map((b) => b.durationMs)) + 1000);
    const outcomes = ["left", "right", "left", "tie"] as const;
    for (const [i, battle] of battles.entries()) {
      const response = await page.request.post(`/api/battles/${battle.battleId}/vote`, {
        data: { outcome: outcomes[i % outcomes.length] },
        headers,
      });
      expect(response.status()).toBe(201);
    }
    await context.close();
  });

  for (const lang of ["en", "zh"] as const)
    for (const viewport of [
      { name: "phone", width: 390, height: 844 },
      { name: "desktop", width: 1440, height: 900 },
    ] as const)
      test(`the board names its resampling unit and the position term's move (${lang}, ${viewport.name})`, async ({
        page,
      }, info) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        // The board is rendered on the server from the latest snapshot: reload until the recompute
        // that counts the votes above has published the term's move.
        await expect(async () => {
          await page.goto(`/leaderboard?lang=${lang}`);
          await expect(page.locator("#matrices").getByText(BOARD_TEXT[lang].term)).toBeVisible({ timeout: 2_000 });
        }).toPass({ timeout: 120_000 });
        await expect(page.getByRole("status").filter({ hasText: BOARD_TEXT[lang].resample })).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const name = `leaderboard-${viewport.name}-${lang}.png`;
        await page.screenshot({ path: SHOTS_DIR ? path.join(SHOTS_DIR, name) : info.outputPath(name), fullPage: true });
      });
});
