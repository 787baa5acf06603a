import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRelease } from "@/lib/export/release";
import { LocalMediaStore } from "@/lib/storage/local-media";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase } from "../engines";

// Runs the production server (serve.ts in front of Next.js): `npm test` builds before this suite.
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));
const PORT = 3143;

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request through Node's client, which shows the framing (Content-Length or chunked) as sent. */
function send(target: string, method = "GET", headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: "127.0.0.1", port: PORT, path: target, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe.runIf(BUILT)("file downloads, the language link and unknown methods through npm start", () => {
  let database: TestDatabase;
  let dirs: { media: string };
  let releaseCsv: Buffer;
  let server: RunningServer | undefined;
  let clipId: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    dirs = { media: fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-files-media-")) };
    server = await startServer(PORT, {
      DATABASE_URL: database.url,
      MEDIA_DIR: dirs.media,
      RECOMPUTE_CHECK_SECONDS: "3600",
    });
    // The demo's original files stand in for the renditions of one published prompt's clips.
    const clip = await database.db.clip.findFirstOrThrow({ orderBy: { id: "asc" } });
    await database.db.clip.update({ where: { id: clip.id }, data: { renditionKey: clip.storageKey } });
    await database.db.prompt.update({ where: { id: clip.promptId }, data: { publishedAt: new Date() } });
    clipId = clip.id;
    // Frozen into the server's own media folder, as `npm run dataset:release` would.
    await createRelease(database.db, new LocalMediaStore(dirs.media), { bootstrap: 20, seed: 1 });
    releaseCsv = (await send("/api/releases/1/votes.csv")).body;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    for (const dir of Object.values(dirs ?? {})) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a clip is sent with its Content-Length on GET, Range and HEAD, never chunked", async () => {
    const whole = await send(`/media/clips/${clipId}`);
    expect(whole.status).toBe(200);
    expect(whole.headers["transfer-encoding"]).toBeUndefined();
    expect(whole.headers["content-length"]).toBe(String(whole.body.length));
    expect(whole.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    const part = await send(`/media/clips/${clipId}`, "GET", { range: "bytes=100-1099" });
    expect(part.status).toBe(206);
    expect(part.headers["transfer-encoding"]).toBeUndefined();
    expect(part.headers["content-length"]).toBe("1000");
    expect(part.body).toEqual(whole.body.subarray(100, 1100));
    const head = await send(`/media/clips/${clipId}`, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(whole.body.length));
    expect((await send(`/media/clips/${clipId}`, "POST")).status).toBe(405);
  });

  test("a release file is sent with its Content-Length and honours Range and HEAD", async () => {
    const bytes = releaseCsv;
    expect(bytes.length).toBeGreaterThan(0);
    const whole = await send("/api/releases/1/votes.csv");
    expect(whole.status).toBe(200);
    expect(whole.headers["transfer-encoding"]).toBeUndefined();
    expect(whole.headers["content-length"]).toBe(String(bytes.length));
    expect(whole.body).toEqual(bytes);
    const part = await send("/api/releases/v1/votes.csv", "GET", { range: "bytes=0-9" });
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 0-9/${bytes.length}`);
    expect(part.body).toEqual(bytes.subarray(0, 10));
    const head = await send("/api/releases/1/votes.csv", "HEAD");
    expect(head.headers["content-length"]).toBe(String(bytes.length));
    expect((await send("/api/releases/9/manifest.json")).status).toBe(404);
    const manifest = JSON.parse((await send("/api/releases/1/manifest.json")).body.toString()) as {
      files: { name: string; bytes: number }[];
    };
    expect(manifest.files.find((f) => f.name === "votes.csv")?.bytes).toBe(bytes.length);
  });

  test("the open-data page lists the release", async () => {
    const page = await send("/data?lang=en");
    expect(page.status).toBe(200);
    expect(page.body.toString().includes('href="/api/releases/v1/votes.csv"')).toBe(true);
  });

  test("without JavaScript, the language link keeps the page's filters", async () => {
    const page = (await send("/leaderboard?category=physics&method=elo&lang=en")).body.toString();
    expect(page.includes('href="?category=physics&amp;method=elo&amp;lang=zh"')).toBe(true);
    expect(page.includes('href="?category=physics&amp;method=elo&amp;lang=en"')).toBe(true);
  });

  test("TRACE is a 405 in the error shape on pages and the API", async () => {
    for (const target of ["/", "/api/health", "/media/clips/x"]) {
      const answer = await send(target, "TRACE");
      expect(answer.status, target).toBe(405);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: { code: "method_not_allowed" } });
    }
  });
});
