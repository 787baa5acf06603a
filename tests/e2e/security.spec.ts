import { expect, test } from "@playwright/test";

test("pages carry the security headers and run without CSP violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  const response = await page.goto("/leaderboard?lang=en");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  await page.goto("/arena?lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled({ timeout: 20_000 });
  await page.goto("/data?lang=en");
  expect(violations).toEqual([]);
});

test("nothing fetched before a vote names a model: page, battle JSON, headers, media", async ({ page, request }) => {
  const models = ((await (await request.get("/api/models")).json()) as { models: { name: string; slug: string }[] })
    .models;
  const secrets = models.flatMap((m) => [m.name, m.slug]).map((s) => s.toLowerCase());
  const leaks = (text: string, minLength = 1) =>
    secrets.filter((s) => s.length >= minLength && text.toLowerCase().includes(s));

  const battleResponse = await request.post("/api/battles", { data: { lang: "en" } });
  expect(battleResponse.status()).toBe(201);
  const battleText = await battleResponse.text();
  expect(leaks(battleText)).toEqual([]);
  expect(leaks(JSON.stringify(battleResponse.headers()))).toEqual([]);
  const battle = JSON.parse(battleText) as {
    left: { clipUrl: string };
    right: { clipUrl: string };
    prompt: { imageUrl?: string };
  };
  for (const url of [battle.left.clipUrl, battle.right.clipUrl, battle.prompt.imageUrl].filter((u): u is string =>
    Boolean(u),
  )) {
    expect(leaks(url)).toEqual([]);
    const media = await request.get(url);
    expect(media.status()).toBe(200);
    expect(leaks(JSON.stringify(media.headers()))).toEqual([]);
    // Binary data contains short strings by chance; whole names and slugs of 5+ characters do not.
    expect(leaks((await media.body()).toString("latin1"), 5)).toEqual([]);
  }

  await page.goto("/arena?lang=en");
  await expect(page.getByRole("button", { name: /A is better/ })).toBeVisible({ timeout: 20_000 });
  expect(leaks(await page.content())).toEqual([]);
});
