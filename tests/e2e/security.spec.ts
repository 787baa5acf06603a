import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("pages carry the security headers and run without CSP violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  const response = await page.goto("/leaderboard?lang=en");
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toContain("frame-ancestors 'none'");
  // Scripts need this response's nonce: no 'unsafe-inline' for scripts.
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(/script-src[^;]*unsafe-inline/.test(policy)).toBe(false);
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

test("no server secret or setting reaches the client bundles", () => {
  const files = fs.readdirSync(".next/static", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  const secret = fs.existsSync("data/session-secret") ? fs.readFileSync("data/session-secret", "utf8").trim() : null;
  for (const file of files) {
    const text = fs.readFileSync(path.join(".next/static", file), "utf8");
    for (const needle of ["SESSION_SECRET", "DATABASE_URL", "REDIS_URL", "postgres://", ...(secret ? [secret] : [])]) {
      expect(text.includes(needle), `${needle} in ${file}`).toBe(false);
    }
  }
});
