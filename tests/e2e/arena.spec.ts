import { expect, type Page, test } from "@playwright/test";

const MODEL_NAMES = /Kling|Runway|Veo|Hailuo|Vidu/;

/** Waits for a battle, then for voting to open (both clips played through once). */
async function waitForVoting(page: Page) {
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
}

test("a voter votes through three battles by mouse and keyboard and sees the reveal", async ({ page }) => {
  await page.goto("/arena?lang=en");
  const ways: ((page: Page) => Promise<void>)[] = [
    (p) => p.getByRole("button", { name: /A is better/ }).click(),
    (p) => p.keyboard.press("4"),
    (p) => p.keyboard.press("3"),
  ];
  let previousReveal = "";
  for (const [round, castVote] of ways.entries()) {
    await waitForVoting(page);
    // Before the vote nothing on the page names a model.
    expect(await page.locator("main").innerText()).not.toMatch(MODEL_NAMES);
    await castVote(page);
    const left = page.getByTestId("reveal-left");
    const right = page.getByTestId("reveal-right");
    await expect(left).toHaveText(MODEL_NAMES);
    await expect(right).toHaveText(MODEL_NAMES);
    const reveal = `${await left.innerText()}|${await right.innerText()}`;
    if (round > 0) expect(reveal).not.toBe(previousReveal); // never the same pair twice in a row
    previousReveal = reveal;
    if (round === 0) await page.getByRole("button", { name: /Next battle/ }).click();
    else await page.keyboard.press("n");
  }
});

test("failure tags can be chosen before the vote and changed on the reveal until the next battle", async ({ page }) => {
  await page.goto("/arena?lang=en");
  await waitForVoting(page);
  // Before: a tag on A goes with the vote, which stays one key press.
  await page.locator("summary", { hasText: "Problems in A?" }).click();
  await page.getByRole("checkbox", { name: "Physics violation" }).first().check();
  const voted = page.waitForResponse((response) => /\/vote$/.test(response.url()));
  await page.getByRole("button", { name: /A is better/ }).click();
  const vote = await voted;
  expect(vote.status()).toBe(201);
  expect(vote.request().postDataJSON()).toEqual({ outcome: "left", tags: { left: ["physics_violation"] } });
  // The demo's models have only placeholder clips: the reveal says so.
  await expect(page.locator(".reveal-panel").getByTestId("placeholder-badge")).toHaveCount(2);
  // After: the pickers stay under the clips; a change is stored with PUT …/tags.
  const amended = page.waitForResponse((response) => /\/tags$/.test(response.url()));
  await page.locator("summary", { hasText: "Problems in B?" }).click();
  await page.getByRole("checkbox", { name: "Blurry or low detail" }).last().check();
  const amend = await amended;
  expect(amend.request().method()).toBe("PUT");
  expect(amend.status()).toBe(200);
  expect(await amend.json()).toEqual({
    tags: { left: ["physics_violation"], right: ["blurry_low_detail"] },
    marks: {
      left: [{ tag: "physics_violation", atMs: null }],
      right: [{ tag: "blurry_low_detail", atMs: null }],
    },
  });
  await expect(page.getByTestId("tags-note")).toHaveText("Problem tags saved with your vote.");
  // A change made just before Next is stored before the next battle is asked for.
  const order: string[] = [];
  page.on("request", (request) => {
    if (/\/tags$|\/api\/battles$/.test(request.url())) order.push(new URL(request.url()).pathname.split("/").pop()!);
  });
  await page.getByRole("checkbox", { name: "Physics violation" }).first().uncheck();
  await page.getByRole("button", { name: /Next battle/ }).click();
  await waitForVoting(page);
  expect(order).toEqual(["tags", "battles"]);
  await expect(page.locator("summary", { hasText: "Problems in A?" })).toBeVisible();
  expect(await page.getByRole("checkbox", { checked: true }).count()).toBe(0);
});

test("voting stays closed until both clips have played", async ({ page }) => {
  await page.goto("/arena?lang=en");
  await expect(page.getByRole("status").filter({ hasText: /Vote once both clips/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /B is better/ })).toBeDisabled();
  await page.keyboard.press("1");
  await expect(page.getByTestId("reveal-left")).toHaveCount(0);
});

test("on a short window ↓ scrolls to the vote buttons and casts nothing", async ({ page }) => {
  await page.setViewportSize({ width: 720, height: 450 });
  await page.goto("/arena?lang=en");
  const bothBad = page.getByRole("button", { name: /Both bad/ });
  await expect(bothBad).toBeEnabled();
  await page.evaluate(() => window.scrollTo(0, 0));
  const votes: string[] = [];
  page.on("request", (request) => {
    if (/\/vote$/.test(request.url())) votes.push(request.url());
  });
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  expect(votes).toEqual([]);
  await expect(page.getByTestId("reveal-left")).toHaveCount(0);
  // A digit still votes.
  await page.keyboard.press("3");
  await expect(page.getByTestId("reveal-left")).toHaveText(MODEL_NAMES);
});

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`the arena lays out on ${viewport.name}`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto("/arena?lang=zh");
    await expect(page.getByRole("button", { name: /A 更好/ })).toBeEnabled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const videos = page.locator("video");
    await expect(videos).toHaveCount(2);
    for (const video of await videos.all()) {
      const box = await video.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(viewport.width / (viewport.name === "phone" ? 1.3 : 3));
    }
    await page.screenshot({ path: testInfo.outputPath(`arena-${viewport.name}.png`), fullPage: true });
  });
}

test("the favicon and app icons are served, so no page 404s on /favicon.ico", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toBe("image/x-icon");
  // An ICO file: reserved 0, type 1, then at least one image.
  const bytes = await favicon.body();
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
  await page.goto("/arena?lang=en");
  const icons = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThanOrEqual(3);
  for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
});
