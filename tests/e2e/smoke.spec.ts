import { expect, test } from "@playwright/test";

test("the home page renders and links to the arena and the leaderboard", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator('main a[href="/arena"]').first()).toBeVisible();
  await expect(page.locator('main a[href="/leaderboard"]').first()).toBeVisible();
});
