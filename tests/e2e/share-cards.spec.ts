import { expect, type Page, test } from "@playwright/test";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** The page's og:image URL, as a crawler reads it from the HTML. */
async function ogImage(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const content = await page.locator('meta[property="og:image"]').first().getAttribute("content");
  expect(content, `og:image of ${url}`).toBeTruthy();
  return new URL(content as string).pathname + new URL(content as string).search;
}

async function expectPng(page: Page, path: string) {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect([...(await response.body()).subarray(0, 4)]).toEqual(PNG_MAGIC);
}

test("the leaderboard's share card follows the page's category and language", async ({ page }) => {
  for (const lang of ["en", "zh"] as const) {
    const card = await ogImage(page, `/leaderboard?category=physics&lang=${lang}`);
    expect(card).toBe(`/leaderboard/card?category=physics&lang=${lang}`);
    await expectPng(page, card);
  }
  // An unknown category shows (and shares) the overall board.
  expect(await ogImage(page, "/leaderboard?category=no-such&lang=en")).toBe("/leaderboard/card?lang=en");
});

test("a model page shares its own card in each language; an unknown model is 404", async ({ page }) => {
  const { models } = (await (await page.request.get("/api/models")).json()) as { models: { slug: string }[] };
  const slug = models[0]?.slug as string;
  for (const lang of ["en", "zh"] as const) {
    const card = await ogImage(page, `/models/${slug}?lang=${lang}`);
    expect(card).toBe(`/models/${slug}/card?lang=${lang}`);
    await expectPng(page, card);
  }
  const missing = await page.request.get("/models/no-such-model/card?lang=en");
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
});
