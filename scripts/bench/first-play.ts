// npm run bench:first-play: time from navigation start to both arena clips playing, in Chromium
// (Playwright, /usr/bin/chromium or CHROMIUM_PATH), with the first battle asked for by the page's
// inline script before hydration ("early") and without it, as before (the request made after
// hydration). Runs interleave, so both see the same machine load. Needs `npm run build` first.
// Options: --runs N (default 5), --port P (default 3481), --url U (measure a running server instead).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { median } from "./load";
import { startServer } from "./server";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    port: { type: "string", default: "3481" },
    url: { type: "string" },
  },
});
const RUNS = Number(values.runs);

interface Sample {
  /** ms from navigation start to the second clip's first `playing` event. */
  bothPlaying: number;
  /** ms from navigation start to the first contentful paint. */
  firstPaint: number;
}

/** One cold page load of /arena in a fresh context (no cookie, no cache). */
async function measure(browser: Browser, baseUrl: string, early: boolean): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const times: number[] = [];
    (window as unknown as { __playing: number[] }).__playing = times;
    // Media events do not bubble: listen in the capture phase.
    document.addEventListener("playing", () => times.push(performance.now()), true);
  });
  if (!early) {
    // As before the early request: the page's inline request is refused at once, so the arena
    // (which falls back when the early request fails) asks for the battle itself after hydration.
    let refused = false;
    await page.route("**/api/battles", (route) => {
      if (refused || route.request().method() !== "POST") return route.continue();
      refused = true;
      return route.abort();
    });
  }
  await page.goto(`${baseUrl}/arena?lang=en`, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __playing: number[] }).__playing.length >= 2, null, {
    timeout: 120_000,
    polling: 50,
  });
  const sample = await page.evaluate(() => ({
    bothPlaying: (window as unknown as { __playing: number[] }).__playing[1] ?? NaN,
    firstPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
  }));
  await context.close();
  return sample;
}

async function main(): Promise<void> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-first-play-media-"));
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-first-play-db-"));
  const server = values.url
    ? null
    : await startServer(Number(values.port), {
        DATABASE_URL: `file:${path.join(dbDir, "arena.db")}`,
        MEDIA_DIR: mediaDir,
      });
  const baseUrl = values.url ?? server!.baseUrl;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"],
  });
  try {
    await measure(browser, baseUrl, true); // warm-up: compiles the page's server code, fills caches
    const results = { early: [] as Sample[], before: [] as Sample[] };
    for (let run = 0; run < RUNS; run += 1) {
      results.before.push(await measure(browser, baseUrl, false));
      results.early.push(await measure(browser, baseUrl, true));
    }
    const load = os.loadavg().map((value) => value.toFixed(1));
    console.log(`first play at 390×844, ${RUNS} runs each, load average ${load.join(" ")} (${os.cpus().length} cores)`);
    for (const [name, samples] of Object.entries(results)) {
      const playing = samples.map((s) => Math.round(s.bothPlaying));
      const paint = samples.map((s) => Math.round(s.firstPaint));
      console.log(
        `${name.padEnd(7)} both playing median ${median(playing)} ms [${playing.join(", ")}]; ` +
          `first paint median ${median(paint)} ms`,
      );
    }
  } finally {
    await browser.close();
    await server?.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
    fs.rmSync(dbDir, { recursive: true, force: true });
  }
}

await main();
