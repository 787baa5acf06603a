import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { createOperator, submitSignIn } from "./operator-account";

/** The demo's model names: none may show before the vote. */
const MODEL_NAMES = /Kling|Runway|Veo|Hailuo|Vidu/;
const SIDES = ["a", "b", "c", "d"] as const;
const TEXT = {
  en: { four: "Four clips", two: "Two clips", best: "Best", worst: "Worst", send: /Send vote/, allBad: /All bad/ },
  zh: { four: "四段视频", two: "两段视频", best: "最好", worst: "最差", send: /提交/, allBad: /都不好/ },
} as const;

/** The pick button of `side` in the best or worst row. */
const pickButton = (page: Page, lang: "en" | "zh", role: "best" | "worst", side: string) =>
  page.getByRole("group", { name: TEXT[lang][role], exact: true }).getByRole("button", { name: side.toUpperCase() });

/** Waits for a quad and for its votes to open (every clip played through once). */
async function waitForQuad(page: Page, lang: "en" | "zh") {
  await expect(page.locator("video")).toHaveCount(4);
  await expect(pickButton(page, lang, "best", "a")).toBeEnabled();
}

test("four clips on a desktop in English: keys choose best and worst, a clip as both is refused, all bad, remembered", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/arena?category=physics&lang=en");
  await expect(page.locator("video")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Two clips" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Four clips" }).click();
  await expect(page).toHaveURL(/size=4/);
  await waitForQuad(page, "en");
  await expectNoSeriousViolations(page, "quad voting, en, desktop");
  // Before the vote nothing names a model; sending needs both choices.
  expect(await page.locator("main").innerText()).not.toMatch(MODEL_NAMES);
  const send = page.getByRole("button", { name: TEXT.en.send });
  await expect(send).toBeDisabled();
  await page.keyboard.press("2");
  await page.keyboard.press("Shift+4");
  await expect(pickButton(page, "en", "best", "b")).toHaveAttribute("aria-pressed", "true");
  await expect(pickButton(page, "en", "worst", "d")).toHaveAttribute("aria-pressed", "true");
  // B is the best: Shift+2 (B as the worst) is refused and said, the choices stay.
  await page.keyboard.press("Shift+2");
  await expect(page.getByTestId("quad-hint")).toHaveText("B is your best clip: choose another clip as the worst.");
  await expect(pickButton(page, "en", "worst", "d")).toHaveAttribute("aria-pressed", "true");
  await expect(pickButton(page, "en", "worst", "b")).toHaveAttribute("aria-pressed", "false");
  await expect(send).toBeEnabled();
  const first = page.waitForRequest((request) => /\/vote$/.test(request.url()));
  await page.keyboard.press("Enter");
  expect((await first).postDataJSON()).toEqual({ best: "b", worst: "d" });
  // All four revealed, four different models, with their standing; best and worst marked.
  const names: string[] = [];
  for (const side of SIDES) {
    await expect(page.getByTestId(`reveal-${side}`)).toHaveText(MODEL_NAMES);
    await expect(page.getByTestId(`reveal-${side}`)).toHaveAttribute("href", /^\/models\/[a-z0-9-]+$/);
    await expect(page.getByTestId(`standing-${side}`)).not.toHaveText("…");
    names.push(await page.getByTestId(`reveal-${side}`).innerText());
  }
  expect(new Set(names).size).toBe(4);
  await expect(page.locator(".reveal-panel").getByTestId("best-b")).toHaveText("your best");
  await expect(page.locator(".reveal-panel").getByTestId("worst-d")).toHaveText("your worst");
  await expect(page.getByTestId("clip-name-c")).toBeVisible();
  await expectNoSeriousViolations(page, "quad reveal, en, desktop");
  // N brings the next quad in place; 0 says all four are bad.
  await page.keyboard.press("n");
  await waitForQuad(page, "en");
  const second = page.waitForRequest((request) => /\/vote$/.test(request.url()));
  await page.keyboard.press("0");
  expect((await second).postDataJSON()).toEqual({ outcome: "all_bad" });
  await expect(page.getByTestId("reveal-a")).toHaveText(MODEL_NAMES);
  await expect(page.locator(".reveal-panel .badge-accent")).toHaveCount(0);
  // The choice is remembered: /arena shows four clips again until "Two clips" is chosen.
  await page.goto("/arena?category=physics&lang=en");
  await waitForQuad(page, "en");
  await page.getByRole("link", { name: "Two clips" }).click();
  await expect(page.locator("video")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.getByRole("button", { name: /A is better/ }).click();
  await expect(page.getByTestId("reveal-left")).toHaveText(MODEL_NAMES);
  await page.goto("/arena?category=physics&lang=en");
  await expect(page.locator("video")).toHaveCount(2);
});

test("four clips on a phone in Chinese: taps choose, tags go with the vote and change on the reveal, a clip enlarges", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/arena?category=physics&lang=zh&size=2");
  await page.getByRole("link", { name: "四段视频" }).click();
  await waitForQuad(page, "zh");
  // The four clips, their controls and the votes are on the first screen.
  for (const selector of [".clip-frame >> nth=3", ".player-controls", ".quad-send-row"]) {
    const box = (await page.locator(selector).boundingBox())!;
    expect(box.y + box.height, `${selector} on the first screen`).toBeLessThanOrEqual(844);
  }
  const frames = await page.locator(".clip-frame").evaluateAll((f) => f.map((e) => e.getBoundingClientRect().x));
  expect(new Set(frames.map(Math.round)).size).toBe(2); // two by two
  await expectNoSeriousViolations(page, "quad voting, zh, phone");
  // A tap on clip C enlarges it; Esc closes and gives focus back to its full-screen button.
  await page.locator("video").nth(2).click();
  const dialog = page.getByRole("dialog", { name: "全屏观看视频" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "C", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "全屏观看 C" })).toBeFocused();
  // A tag on B before the vote goes with it.
  await page.locator(".clip-card").nth(1).locator("summary").click();
  await page.locator(".clip-card").nth(1).getByRole("checkbox").first().check();
  await pickButton(page, "zh", "best", "c").click();
  await pickButton(page, "zh", "worst", "c").click();
  await expect(page.getByTestId("quad-hint")).toHaveText("C 是你选的最好：请另选一段作为最差。");
  await expect(page.getByRole("button", { name: TEXT.zh.send })).toBeDisabled();
  await pickButton(page, "zh", "worst", "a").click();
  const sent = page.waitForRequest((request) => /\/vote$/.test(request.url()));
  await page.getByRole("button", { name: TEXT.zh.send }).click();
  expect((await sent).postDataJSON()).toEqual({ best: "c", worst: "a", tags: { b: [expect.any(String)] } });
  await expect(page.getByTestId("reveal-d")).toHaveText(MODEL_NAMES);
  await expect(page.locator(".reveal-panel").getByTestId("best-c")).toHaveText("你选的最好");
  // On the reveal a tag on D is stored with PUT …/tags, by side.
  const amended = page.waitForResponse((response) => /\/tags$/.test(response.url()));
  await page.locator(".clip-card").nth(3).locator("summary").click();
  await page.locator(".clip-card").nth(3).getByRole("checkbox").first().check();
  const amend = await amended;
  expect(amend.status()).toBe(200);
  expect(amend.request().postDataJSON()).toMatchObject({ tags: { b: [expect.any(String)], d: [expect.any(String)] } });
  await expectNoSeriousViolations(page, "quad reveal, zh, phone");
  // Two clips in Chinese, voted by key.
  await page.getByRole("link", { name: "两段视频" }).click();
  await expect(page.locator("video")).toHaveCount(2);
  await expect(page.getByRole("button", { name: /A 更好/ })).toBeEnabled();
  await page.keyboard.press("4");
  await expect(page.getByTestId("reveal-right")).toHaveText(MODEL_NAMES);
});

test("the operator's vote list shows a quad's four models, best and worst", async ({ page }) => {
  // The specs above cast quads (best B, worst D; all bad; best C, worst A) in this server's database.
  const email = "e2e-quads@example.org";
  const password = "a password for the quad list";
  createOperator(email, password);
  await page.goto("/signin?lang=en");
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await page.goto("/admin/votes?status=all&lang=en");
  const quads = page.getByTestId("quad-vote");
  await expect(quads.first()).toBeVisible();
  const texts = await quads.allInnerTexts();
  for (const text of texts) expect(text).toMatch(/^A .+ · B .+ · C .+ · D .+: /);
  expect(texts.some((text) => /best: B \(.+\), worst: D \(.+\)$/.test(text))).toBe(true);
  expect(texts.some((text) => text.endsWith("all four bad"))).toBe(true);
  await expectNoSeriousViolations(page, "/admin/votes with quads, en");
});
