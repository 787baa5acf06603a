import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { newNonce, PageCache } from "@/lib/http/page-cache";
import { pageContentSecurityPolicy } from "@/lib/http/content-security-policy";

/**
 * The page cache in front of a real Node server whose renderer writes what Next.js writes for a
 * page: headers by setHeader, a nonce in the policy and in the body, the body in several writes.
 */
let server: http.Server;
let base: string;
let clock = 0;
let renders = 0;
/** What the renderer answers next. */
let answer: { status: number; setCookie?: string; contentType: string; delayMs: number } = {
  status: 200,
  contentType: "text/html; charset=utf-8",
  delayMs: 0,
};

const cache = new PageCache({
  paths: ["/", "/leaderboard"],
  neutralCookies: ["lang", "ca_voter"],
  localeOf: (request) => (/lang=zh/.test(request.headers.cookie ?? "") ? "zh" : "en"),
  freshMs: 5_000,
  staleMs: 60_000,
  now: () => clock,
});

function render(request: http.IncomingMessage, response: http.ServerResponse): void {
  renders += 1;
  const nonce = newNonce();
  const n = renders;
  setTimeout(() => {
    response.statusCode = answer.status;
    response.setHeader("content-type", answer.contentType);
    response.setHeader("content-security-policy", pageContentSecurityPolicy(nonce));
    response.setHeader("x-accept-encoding-seen", String(request.headers["accept-encoding"] ?? ""));
    if (answer.setCookie) response.setHeader("set-cookie", answer.setCookie);
    response.write(`<html><script nonce="${nonce}">`);
    response.write(Buffer.from(`render ${n} ${request.url} ${request.headers.cookie ?? ""}</script>`));
    response.end(`<script nonce="${nonce}"></script></html>`);
  }, answer.delayMs);
}

beforeAll(async () => {
  server = http.createServer((request, response) => void cache.serve(request, response, render));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  answer = { status: 200, contentType: "text/html; charset=utf-8", delayMs: 0 };
  clock += 1_000_000; // every entry from an earlier test is past its staleness
});

async function get(target: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${target}`, { headers });
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  return { response, body, nonce, rendered: /render (\d+)/.exec(body)?.[1] };
}

test("a second reader of the same language and target gets the stored page, with a fresh nonce of its own", async () => {
  const first = await get("/leaderboard?category=dance");
  const second = await get("/leaderboard?category=dance");
  expect(second.rendered).toBe(first.rendered);
  expect(second.nonce).toBeDefined();
  expect(second.nonce).not.toBe(first.nonce);
  // Every occurrence in the body carries the answer's own nonce, and the size is exact.
  expect(second.body.split(`nonce="${second.nonce}"`)).toHaveLength(3);
  expect(second.body).not.toContain(first.nonce);
  expect(Number(second.response.headers.get("content-length"))).toBe(Buffer.byteLength(second.body));
  expect(second.body.replaceAll(second.nonce!, "N")).toBe(first.body.replaceAll(first.nonce!, "N"));
  // The renderer was asked for an uncompressed page even though the client accepts gzip.
  expect(first.response.headers.get("x-accept-encoding-seen")).toBe("");
});

test("the language, the query and the path each have their own entry", async () => {
  const en = await get("/", { cookie: "lang=en" });
  const zh = await get("/", { cookie: "lang=zh" });
  const other = await get("/?x=1", { cookie: "lang=en" });
  expect(new Set([en.rendered, zh.rendered, other.rendered]).size).toBe(3);
  expect((await get("/", { cookie: "lang=zh; ca_voter=abc" })).rendered).toBe(zh.rendered);
});

test("requests that may be personal or are not a full page load go to the renderer every time", async () => {
  const cases: [string, Record<string, string>][] = [
    ["/", { cookie: "next-auth.session-token=operator" }],
    ["/", { cookie: "lang=en; __Secure-next-auth.session-token=operator" }],
    ["/?lang=zh", {}],
    ["/", { rsc: "1" }],
    ["/?_rsc=abc", {}],
    ["/", { "next-router-prefetch": "1" }],
    ["/", { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)" }],
    ["/arena", {}],
  ];
  for (const [target, headers] of cases) {
    const a = await get(target, headers);
    const b = await get(target, headers);
    expect(b.rendered, `${target} ${JSON.stringify(headers)}`).not.toBe(a.rendered);
  }
});

test("an answer with a cookie, an error or another type is never stored", async () => {
  for (const next of [
    { status: 200, setCookie: "lang=zh; Path=/", contentType: "text/html", delayMs: 0 },
    { status: 500, contentType: "text/html", delayMs: 0 },
    { status: 200, contentType: "application/json", delayMs: 0 },
  ]) {
    answer = next;
    const a = await get("/");
    const b = await get("/");
    expect(b.rendered).not.toBe(a.rendered);
  }
});

test("past its freshness an entry is served to others while one request renders it again", async () => {
  answer.delayMs = 150;
  const stored = await get("/leaderboard");
  clock += 6_000;
  // The first request renders again (slowly); the one behind it gets the stored page at once.
  const refreshing = get("/leaderboard");
  await new Promise((resolve) => setTimeout(resolve, 30));
  const stale = await get("/leaderboard");
  expect(stale.rendered).toBe(stored.rendered);
  const renewed = await refreshing;
  expect(renewed.rendered).not.toBe(stored.rendered);
  expect((await get("/leaderboard")).rendered).toBe(renewed.rendered);
  // Past staleness nothing old is served.
  clock += 70_000;
  expect((await get("/leaderboard")).rendered).not.toBe(renewed.rendered);
});

test("a burst of readers on a cold page costs one rendering; after a failed one each renders its own", async () => {
  answer.delayMs = 150;
  const before = renders;
  const burst = await Promise.all(Array.from({ length: 5 }, () => get("/?burst=1")));
  expect(renders - before).toBe(1);
  expect(new Set(burst.map((b) => b.rendered)).size).toBe(1);
  expect(new Set(burst.map((b) => b.nonce)).size).toBe(5);
  answer = { status: 500, contentType: "text/html", delayMs: 150 };
  const failed = await Promise.all(Array.from({ length: 3 }, () => get("/?burst=2")));
  expect(failed.map((f) => f.response.status)).toEqual([500, 500, 500]);
  expect(new Set(failed.map((f) => f.rendered)).size).toBe(3);
});
