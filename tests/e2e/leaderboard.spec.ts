import { expect, type Page, test } from "@playwright/test";

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
