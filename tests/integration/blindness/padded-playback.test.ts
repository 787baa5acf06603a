import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveThroughBridge } from "@/lib/http/node-bridge";
import { serveStoredFile } from "@/lib/http/serve-file";
import { writeStreamedResponse } from "@/lib/http/stream-response";
import { derivePadding } from "@/lib/media/mp4-padding";
import { deriveUnlinkKey } from "@/lib/media/mp4-unlink";
import { LocalMediaStore } from "@/lib/storage/local-media";
import { ffmpegAvailable, makeRendition } from "./renditions";

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === "true") throw new Error(`Chromium is required on CI: ${CHROMIUM}`);
if (!hasChromium) console.warn(`${CHROMIUM} not found: skipping the padded-playback check`);

/** Chromium plays and seeks a rendition rewritten and padded per URL, served through the app's own Range-aware path. */
describe.skipIf(!ffmpegAvailable() || !hasChromium)("padded renditions in Chromium", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-playback-"));
  const store = new LocalMediaStore(dir);
  let server: http.Server;
  let browser: Browser;
  let origin: string;
  let rangeRequests = 0;

  beforeAll(async () => {
    const source = path.join(dir, "source.webm");
    await run("ffmpeg", [
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=320x240:rate=24:duration=4",
      "-c:v",
      "libvpx-vp9",
      source,
    ]);
    const rendition = path.join(dir, "rendition.mp4");
    await makeRendition(source, rendition, false);
    const key = await store.putFile(rendition, "clips", "mp4");
    const answer = (url: string, range: string | undefined): Promise<Response> | Response => {
      const token = url.slice(1);
      if (token === "")
        return new Response("<!doctype html><video muted></video>", { headers: { "content-type": "text/html" } });
      if (range) rangeRequests += 1;
      const request = new Request(`http://localhost${url}`, { headers: range ? { range } : {} });
      const padding = derivePadding("playback-test-secret", token);
      const unlinkKey = deriveUnlinkKey("playback-test-secret", token);
      return serveStoredFile(
        store,
        request,
        { storageKey: key, mimeType: "video/mp4", padding, unlinkKey },
        "no-store",
      );
    };
    // The clips through the production bridge (its pooled-buffer file path, cut short by every
    // seek); the page without it, whose API Content-Security-Policy would block the video.
    server = http.createServer((req, res) => {
      const url = req.url ?? "/";
      if (url === "/")
        void Promise.resolve(answer(url, undefined)).then((response) => writeStreamedResponse(res, response));
      else void serveThroughBridge(req, res, () => Promise.resolve(answer(url, req.headers.range)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(["battle:token-one:a", "battle:token-two:b", "clip:named"])(
    "plays and seeks %s",
    async (token) => {
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      const state = await page.evaluate(async (src) => {
        const video = document.querySelector("video") as HTMLVideoElement;
        const once = (event: string) =>
          new Promise<void>((resolve, reject) => {
            video.addEventListener(event, () => resolve(), { once: true });
            video.addEventListener("error", () => reject(new Error(`media error ${video.error?.code}`)), {
              once: true,
            });
          });
        video.src = src;
        await once("loadedmetadata");
        await video.play();
        video.currentTime = 2.5;
        await once("seeked");
        await new Promise((resolve) => setTimeout(resolve, 300));
        return {
          currentTime: video.currentTime,
          readyState: video.readyState,
          duration: video.duration,
          error: video.error?.code ?? null,
        };
      }, `${origin}/${token}`);
      await page.close();
      expect(state.error).toBeNull();
      expect(state.duration).toBeCloseTo(4, 0);
      expect(state.currentTime).toBeGreaterThanOrEqual(2.5);
      expect(state.readyState).toBeGreaterThanOrEqual(2);
      // Chromium fetched the padded file through Range requests (206), as it does in the arena.
      expect(rangeRequests).toBeGreaterThan(0);
    },
    60_000,
  );
});
