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
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  await page.goto("/data?lang=en");
  expect(violations).toEqual([]);
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
