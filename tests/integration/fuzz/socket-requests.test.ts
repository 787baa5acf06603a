import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";
import { forEachConcurrently, type RawAnswer, sendRaw } from "./raw-http";

// Runs the production server (serve.ts in front of Next.js): `npm test` builds before this suite.
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));
/** Raw requests per engine. */
const REQUESTS = Number(process.env.RAW_FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 16;

/** Path segments that are hostile as bytes: invalid UTF-8, bad escapes, NUL, traversal, overlong. */
const hostileSegmentArb = fc.oneof(
  fc.constantFrom(
    "%ED%A0%80",
    "%zz",
    "%",
    "%E0%A4%A",
    "%00",
    "a%00b",
    "%FF%FE",
    "%C0%AF",
    "..",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "%25",
    "\u00e9",
    "veo-2",
    "c".repeat(25),
    "x".repeat(3000),
  ),
  fc.string({ maxLength: 30, unit: "binary" }).map((s) => encodeURIComponent(s)),
  fc
    .uint8Array({ maxLength: 12 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("")),
);
const queryArb = fc
  .array(
    fc.tuple(
      fc.constantFrom("from", "to", "format", "category", "model", "lang", "method", "period", "includeFlagged", "x"),
      fc.oneof(
        fc.constantFrom("2026-02-30", "2026-13-45", "2026-11-01", "0", "99999999999999", "csv", "parquet", "overall"),
        hostileSegmentArb,
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

/** GET targets, weighted to the cheap API routes; pages render and cost far more. */
const getTargetArb = fc.oneof(
  { weight: 4, arbitrary: hostileSegmentArb.map((s) => `/api/models/${s}`) },
  {
    weight: 3,
    arbitrary: fc.tuple(hostileSegmentArb, fc.constantFrom("a", "b", "c")).map(([s, x]) => `/media/${s}/${x}`),
  },
  { weight: 2, arbitrary: hostileSegmentArb.map((s) => `/media/clips/${s}`) },
  { weight: 2, arbitrary: fc.tuple(hostileSegmentArb, hostileSegmentArb).map(([a, b]) => `/api/releases/${a}/${b}`) },
  { weight: 3, arbitrary: queryArb.map((q) => `/api/export/votes?${q}`) },
  { weight: 3, arbitrary: queryArb.map((q) => `/api/leaderboard?${q}`) },
  { weight: 2, arbitrary: hostileSegmentArb.map((s) => `/api/${s}`) },
  { weight: 2, arbitrary: hostileSegmentArb.map((s) => `/api/admin/models/${s}`) },
  { weight: 1, arbitrary: fc.constantFrom("/api/health", "/api/categories", "/api/models", "/api/admin/audit") },
  { weight: 1, arbitrary: hostileSegmentArb.map((s) => `/models/${s}`) },
);

/** Cookies as a browser never sends them: bad escapes in the voter and session cookies, junk. */
const cookieArb = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "ca_voter=%zz",
    "next-auth.session-token=%zz",
    "__Secure-next-auth.session-token=%E0%A4%A",
    "ca_voter=%ED%A0%80; next-auth.session-token=%",
    "ca_voter=a.b.c",
    "next-auth.session-token=eyJhbGciOiJub25lIn0.e30.",
    "=; ==; ;;",
    `ca_voter=${"x".repeat(4000)}`,
  ),
  fc.string({ maxLength: 40 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
);

const hostArb = fc.constantFrom("localhost", "", "evil.example", "[::1]", "a b", "localhost:99999", "%zz");

/** Well-framed requests with hostile parts (Connection: close, so each ends when answered). */
const framedArb = fc
  .record({
    method: fc.constantFrom("GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"),
    target: getTargetArb,
    host: hostArb,
    cookie: cookieArb,
    body: fc.oneof(
      fc.constant(""),
      fc.constantFrom('{"outcome":"left"}', "{", "\u0000", "outcome=left"),
      fc.string({ maxLength: 100, unit: "binary" }),
    ),
    contentType: fc.constantFrom(
      "",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=%zz",
    ),
  })
  .map(({ method, target, host, cookie, body, contentType }) => {
    const bytes = Buffer.from(body, "utf8");
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, "Connection: close"];
    if (cookie) lines.push(`Cookie: ${cookie}`);
    if (contentType) lines.push(`Content-Type: ${contentType}`);
    if (bytes.length > 0) lines.push(`Content-Length: ${bytes.length}`);
    return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), bytes]);
  });

/** Voter writes that must never write: cross-site, not JSON, or bad escapes in the path or cookie. */
const hostileWriteArb = fc
  .record({
    target: fc.oneof(
      fc.constantFrom("/api/battles", "/api/compare/battles"),
      hostileSegmentArb.map((s) => `/api/battles/${s}/vote`),
    ),
    cookie: cookieArb,
    guard: fc.constantFrom(
      "Content-Type: text/plain",
      "Content-Type: application/json\r\nOrigin: https://evil.example",
      "Content-Type: application/json\r\nSec-Fetch-Site: cross-site",
      "Content-Type: multipart/form-data; boundary=x",
    ),
    body: fc.constantFrom("{}", '{"outcome":"left"}', '{"lang":"en"}', "outcome=left"),
  })
  .map(({ target, cookie, guard, body }) =>
    Buffer.from(
      `POST ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${guard}\r\n` +
        `${cookie ? `Cookie: ${cookie}\r\n` : ""}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      "latin1",
    ),
  );

/** Broken framing: request lines, versions, headers and lengths a parser must refuse. */
const brokenFramingArb = fc
  .oneof(
    fc.constantFrom(
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n",
      "GET  /  HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /api/health HTTP/1.1\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      "GET http://evil.example/api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      "GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      "CONNECT localhost:22 HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX: a\x00b\r\n\r\n",
      "GET /api/health HTTP/1.1\r\nHost: localhost\r\n Folded: x\r\n\r\n",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999\r\n\r\n{}",
      "POST /api/admin/import HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999999\r\n\r\n",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1e3\r\n\r\n",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
      `GET /${"a".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`,
    ),
    fc.string({ minLength: 1, maxLength: 60, unit: "binary" }).map((s) => `${s}\r\n\r\n`),
    fc.uint8Array({ minLength: 1, maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString("latin1") + "\r\n\r\n"),
  )
  .map((text) => Buffer.from(text, "latin1"));

const requestArb = fc.oneof(
  // Weighted so the run fits CI's budget: framed requests reach Next.js and cost the most.
  { weight: 4, arbitrary: framedArb },
  { weight: 3, arbitrary: hostileWriteArb },
  { weight: 3, arbitrary: brokenFramingArb },
);

/** Failing requests counted by method and first two path segments, to read a failure at a glance. */
function groupByRoute(requests: string[]): Record<string, number> {
  const groups: Record<string, number> = {};
  for (const request of requests) {
    const [method = "", target = ""] = request.split(" ");
    const key = `${method} ${target.split("?")[0]!.split("/").slice(0, 3).join("/")}`;
    groups[key] = (groups[key] ?? 0) + 1;
  }
  return groups;
}

async function countRows(db: TestDatabase["db"]) {
  return {
    sessions: await db.voterSession.count(),
    battles: await db.battle.count(),
    votes: await db.vote.count(),
    users: await db.user.count(),
    models: await db.model.count(),
    prompts: await db.prompt.count(),
    clips: await db.clip.count(),
    audit: await db.auditLog.count(),
  };
}

describe.each(testEngines)("raw HTTP on the socket against npm start, on %s", (engine) => {
  let database: TestDatabase;
  let mediaDir: string;
  let server: RunningServer | undefined;
  const port = engine === "sqlite" ? 3331 : 3332;

  beforeAll(async () => {
    if (!BUILT) throw new Error("no production build: run `npm run build` before the integration suite");
    database = await createTestDatabase(engine);
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-raw-media-"));
    server = await startServer(port, {
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      RATE_LIMIT_VOTER_PER_MINUTE: "100000000",
      RATE_LIMIT_ADDRESS_PER_MINUTE: "100000000",
      RATE_LIMIT_EXPORTS_PER_MINUTE: "100000000",
      RECOMPUTE_CHECK_SECONDS: "3600",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test(`${REQUESTS} hostile requests: no 5xx, nothing written, the server still answers`, async () => {
    const requests = fc.sample(requestArb, { numRuns: REQUESTS, seed: engine === "sqlite" ? 16 : 61 });
    const before = await countRows(database.db);
    const failures: { request: string; answer: RawAnswer }[] = [];
    const statuses = new Map<number, number>();
    const unanswered: string[] = [];
    await forEachConcurrently(requests, CONCURRENCY, async (bytes) => {
      const answer = await sendRaw(port, bytes);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      // A 503 with Retry-After is the heavy-work gates shedding load (lib/http/heavy-work.ts: at
      // most so many exports and range fits at once), the answer the arena promises under a flood.
      const shedding = answer.status === 503 && /^retry-after:/im.test(answer.head);
      if (answer.status >= 500 && !shedding) failures.push({ request: bytes.toString("latin1").slice(0, 200), answer });
      if (answer.status === 0) unanswered.push(bytes.toString("latin1").slice(0, 120));
    });
    console.log(`${engine}: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`${engine}: 5xx by route ${JSON.stringify(groupByRoute(failures.map((f) => f.request)))}`);
    console.log(`${engine}: unanswered ${JSON.stringify(unanswered.slice(0, 10))}`);
    expect(failures.slice(0, 20), `${failures.length} answers were 5xx`).toEqual([]);
    expect(await countRows(database.db)).toEqual(before);
    expect((await fetch(`${server!.baseUrl}/api/health`)).status).toBe(200);
  });
});
