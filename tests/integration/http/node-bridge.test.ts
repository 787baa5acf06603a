import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { matchDirectRoute } from "@/lib/http/direct-routes";
import { serveThroughBridge, type WebHandler } from "@/lib/http/node-bridge";

let server: http.Server;
let base: string;
let handler: WebHandler;

beforeAll(async () => {
  server = http.createServer((request, response) => void serveThroughBridge(request, response, (r) => handler(r)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("the handler sees the request as Next.js would pass it: method, URL, headers, body, peer address last", async () => {
  let seen: { method: string; url: string; body: string; forwarded: string | null; cookie: string | null } | undefined;
  handler = async (request) => {
    seen = {
      method: request.method,
      url: request.url,
      body: await request.text(),
      forwarded: request.headers.get("x-forwarded-for"),
      cookie: request.headers.get("cookie"),
    };
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    return new Response('{"ok":true}', { status: 201, headers });
  };
  const response = await fetch(`${base}/api/battles?x=1`, {
    method: "POST",
    body: '{"lang":"zh"}',
    headers: { cookie: "ca_voter=v", "x-forwarded-for": "198.51.100.7" },
  });
  expect(seen).toEqual({
    method: "POST",
    url: expect.stringMatching(/\/api\/battles\?x=1$/),
    body: '{"lang":"zh"}',
    forwarded: "198.51.100.7",
    cookie: "ca_voter=v",
  });
  expect(response.status).toBe(201);
  expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  // The headers next.config.ts gives every API response.
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(await response.json()).toEqual({ ok: true });
});

test("an oversized body is a 413 and a throwing handler a 500, both in the API's error shape", async () => {
  handler = () => Promise.reject(new Error("boom"));
  const big = await fetch(`${base}/api/battles`, { method: "POST", body: "x".repeat(100_000) });
  expect(big.status).toBe(413);
  expect(await big.json()).toEqual({ error: { code: "body_too_large", message: expect.any(String) } });
  const failed = await fetch(`${base}/api/battles`, { method: "POST", body: "{}" });
  expect(failed.status).toBe(500);
  expect(((await failed.json()) as { error: { code: string } }).error.code).toBe("internal_error");
});

test("the arena writes, health, the public reads and the file downloads (GET and HEAD) take the direct route", () => {
  expect(matchDirectRoute("POST", "/api/battles")).not.toBeNull();
  expect(matchDirectRoute("POST", "/api/battles/abc/vote")).not.toBeNull();
  expect(matchDirectRoute("GET", "/api/battles")).toBeNull();
  expect(matchDirectRoute("POST", "/api/battles/abc/vote/x")).toBeNull();
  expect(matchDirectRoute("POST", "/api/compare/battles")).toBeNull();
  expect(matchDirectRoute("POST", "/api/admin/models")).toBeNull();
  for (const target of [
    "/api/health",
    "/api/leaderboard",
    "/api/leaderboard/failures",
    "/api/leaderboard/recognition",
    "/api/categories",
    "/api/models",
    "/api/models/kling-2",
    "/media/tok/a",
    "/media/clips/c1",
    "/media/prompts/p1",
    "/api/releases/1/votes.csv",
  ]) {
    expect(matchDirectRoute("GET", target), target).not.toBeNull();
    expect(matchDirectRoute("HEAD", `${target}?x=1`), target).not.toBeNull();
    // Other methods get the route file's 405 from Next.js.
    expect(matchDirectRoute("POST", target), target).toBeNull();
  }
  expect(matchDirectRoute("GET", "/media/tok/a/b")).toBeNull();
  expect(matchDirectRoute("GET", "/api/releases/1")).toBeNull();
  // Pages and the operator's reads stay with Next.js.
  for (const target of ["/", "/leaderboard", "/api/models/kling-2/x", "/api/healthz", "/api/admin/clips"])
    expect(matchDirectRoute("GET", target), target).toBeNull();
});

test("a file body is streamed with the handler's Content-Length, never chunked, on GET, Range and HEAD", async () => {
  const bytes = Buffer.alloc(300_000, 7);
  handler = (request) => {
    const partial = request.headers.has("range");
    const length = partial ? 100 : bytes.length;
    const body =
      request.method === "HEAD"
        ? null
        : new ReadableStream<Uint8Array>({
            start(controller) {
              // In pieces, as a file stream gives them.
              for (let at = 0; at < length; at += 65_536)
                controller.enqueue(bytes.subarray(at, Math.min(length, at + 65_536)));
              controller.close();
            },
          });
    return Promise.resolve(
      new Response(body, { status: partial ? 206 : 200, headers: { "content-length": String(length) } }),
    );
  };
  for (const [method, headers, size] of [
    ["GET", {}, bytes.length],
    ["GET", { range: "bytes=0-99" }, 100],
    ["HEAD", {}, bytes.length],
  ] as const) {
    const answer = await rawRequest(method, headers);
    expect(answer.headers["content-length"], method).toBe(String(size));
    expect(answer.headers["transfer-encoding"], method).toBeUndefined();
    expect(answer.body.length, method).toBe(method === "HEAD" ? 0 : size);
  }
});

function rawRequest(
  method: string,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${base}/media/x/a`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test("a target that does not decode is a 400 before any route: the error shape under /api and /media, a page elsewhere", async () => {
  for (const target of [
    "/api/models/%ED%A0%80",
    "/api/battles/%zz/vote",
    "/media/%00/a",
    "/api/leaderboard?lang=%zz",
  ]) {
    const refusal = matchDirectRoute("GET", target);
    expect(refusal, target).not.toBeNull();
    handler = refusal as WebHandler;
    const response = await fetch(`${base}${target}`);
    expect(response.status, target).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
  }
  handler = matchDirectRoute("GET", "/models/%ED%A0%80") as WebHandler;
  const page = await fetch(`${base}/models/%ED%A0%80`);
  expect(page.status).toBe(400);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  expect(matchDirectRoute("GET", "/models/kling%20two")).toBeNull();
});
