import Database from "better-sqlite3";
import { type APIResponse, expect, type Page, type Response, test } from "@playwright/test";

/** The database the e2e server runs on (DATABASE_URL in playwright.config.ts). */
const E2E_DATABASE = "data/e2e/arena.db";

interface Secrets {
  /** Model names and slugs, and clip ids: none may reach the browser before the vote. */
  all: string[];
  /** The ones long enough not to turn up by chance in binary media. */
  long: string[];
}

async function loadSecrets(page: Page): Promise<Secrets> {
  const response = await page.request.get("/api/models");
  expect(response.status()).toBe(200);
  const { models } = (await response.json()) as { models: { name: string; slug: string }[] };
  expect(models.length).toBeGreaterThan(1);
  // Clip ids are never published before a vote, so they come from the server's database itself.
  const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  const clipIds = (db.prepare("SELECT id FROM Clip").all() as { id: string }[]).map((row) => row.id);
  db.close();
  expect(clipIds.length).toBeGreaterThan(1);
  const all = [...models.flatMap((m) => [m.name, m.slug]), ...clipIds].map((s) => s.toLowerCase());
  return { all, long: all.filter((s) => s.length >= 5) };
}

/** The secrets that occur in the text, case-insensitively and as whole strings ("veo 2", not "veo"). */
function leaks(secrets: string[], text: string): string[] {
  const lower = text.toLowerCase();
  return secrets.filter((s) => lower.includes(s));
}

function describeHeaders(response: Response | APIResponse): string {
  return JSON.stringify(response.headers());
}

interface BattleJson {
  battleId: string;
  left: { clipUrl: string };
  right: { clipUrl: string };
  prompt: { imageUrl?: string };
}

/** Fetches each of the battle's media URLs in full and checks URL, headers and bytes. */
async function expectBlindMedia(page: Page, secrets: Secrets, battle: BattleJson): Promise<void> {
  const urls = [battle.left.clipUrl, battle.right.clipUrl, battle.prompt.imageUrl].filter(
    (u): u is string => u !== undefined,
  );
  expect(urls.filter((u) => /^\/media\/[^/]+\/(a|b)$/.test(u))).toHaveLength(2);
  for (const url of urls) {
    expect(leaks(secrets.all, url), url).toEqual([]);
    const media = await page.request.get(url);
    expect(media.status(), url).toBe(200);
    expect(leaks(secrets.all, describeHeaders(media)), `headers of ${url}`).toEqual([]);
    const bytes = await media.body();
    expect(bytes.length).toBeGreaterThan(0);
    // latin1 maps each byte to one character, so an ASCII name in the file is found as is.
    expect(leaks(secrets.long, bytes.toString("latin1")), `bytes of ${url}`).toEqual([]);
  }
}

test("a battle from the API names no model or clip before the vote", async ({ page }) => {
  const secrets = await loadSecrets(page);
  const response = await page.request.post("/api/battles", { data: { lang: "en" } });
  expect(response.status()).toBe(201);
  const text = await response.text();
  expect(leaks(secrets.all, text), "battle JSON").toEqual([]);
  expect(leaks(secrets.all, describeHeaders(response)), "battle headers").toEqual([]);
  await expectBlindMedia(page, secrets, JSON.parse(text) as BattleJson);
});

test("the arena page names no model or clip before the vote, within its CSP", async ({ page }) => {
  const secrets = await loadSecrets(page);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  // Everything the browser fetches while the battle loads and plays: URLs, headers, text bodies.
  const checks: Promise<void>[] = [];
  page.on("response", (response) => {
    const url = response.url();
    checks.push(
      (async () => {
        expect(leaks(secrets.all, url), url).toEqual([]);
        expect(leaks(secrets.all, describeHeaders(response)), `headers of ${url}`).toEqual([]);
        const type = response.headers()["content-type"] ?? "";
        // Bodies of the page itself, the API and the bundles. Media is read in full below (the
        // browser's range requests give parts); RSC prefetches of the linked pages (public pages
        // such as the leaderboard, which name models by design) are not this battle's.
        const { pathname, searchParams } = new URL(url);
        const own = pathname === "/arena" || pathname.startsWith("/api/") || pathname.startsWith("/_next/static/");
        if (own && !searchParams.has("_rsc") && /^(text\/|application\/(json|javascript))/.test(type)) {
          expect(leaks(secrets.all, await response.text()), `body of ${url}`).toEqual([]);
        }
      })(),
    );
  });
  const battleResponse = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/battles",
  );
  const document = await page.goto("/arena?lang=en");
  expect(document?.status()).toBe(200);
  expect(leaks(secrets.all, (await document?.text()) ?? ""), "page HTML").toEqual([]);
  const battle = (await (await battleResponse).json()) as BattleJson;
  await expect(page.getByRole("button", { name: /A is better/ })).toBeEnabled();
  expect(leaks(secrets.all, await page.content()), "rendered page").toEqual([]);
  await Promise.all(checks);
  await expectBlindMedia(page, secrets, battle);
  expect(violations).toEqual([]);
});
