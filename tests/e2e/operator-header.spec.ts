import { expect, type Page, test } from "@playwright/test";
import { createOperator, submitSignIn } from "./operator-account";

const EMAIL = "e2e-header-operator@example.org";
const PASSWORD = "a header test password";

test.beforeAll(() => {
  createOperator(EMAIL, PASSWORD);
});

const operatorMenu = (page: Page, name: string) => page.getByRole("banner").getByRole("group", { name });

test("the header names the signed-in operator on every page, with the console and sign out", async ({ page }) => {
  await page.goto("/signin?lang=en");
  await expect(operatorMenu(page, "Signed-in operator")).toHaveCount(0);
  await submitSignIn(page, EMAIL, PASSWORD);
  await page.waitForURL("**/admin");

  for (const url of ["/", "/leaderboard", "/data", "/api-docs", "/admin/votes", "/account"]) {
    await page.goto(`${url}?lang=en`);
    const menu = operatorMenu(page, "Signed-in operator");
    await expect(menu.getByRole("link", { name: "Console" }), url).toHaveAttribute("href", "/admin");
    await expect(menu.getByRole("link", { name: EMAIL }), url).toHaveAttribute("href", "/account");
    await expect(menu.getByRole("button", { name: "Sign out" }), url).toBeVisible();
  }

  // In Chinese, and without JavaScript: the header is rendered on the server.
  const html = await (await page.request.get("/leaderboard?lang=zh")).text();
  expect(html).toContain("已登录的运营人员");
  expect(html).toContain(EMAIL);
  await page.goto("/leaderboard?lang=zh");
  await expect(operatorMenu(page, "已登录的运营人员").getByRole("button", { name: "退出登录" })).toBeVisible();

  // On a phone the menu fits the width: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?lang=en");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await operatorMenu(page, "Signed-in operator").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(operatorMenu(page, "Signed-in operator")).toHaveCount(0);
});
