import { expect, test } from "vitest";
import { publicJson } from "@/lib/http/public-api";

const etag = '"snap1-overall-bt"';
const lastModified = new Date("2026-12-07T06:00:00.500Z");
const answer = (headers: Record<string, string>, method = "GET") =>
  publicJson(new Request("http://localhost/api/leaderboard", { method, headers }), {
    etag,
    body: '{"rows":[]}',
    lastModified,
  });

test("a public read carries a validator pair and a Cache-Control a shared cache can use", async () => {
  const response = answer({});
  expect(response.status).toBe(200);
  expect(response.headers.get("etag")).toBe(etag);
  expect(response.headers.get("last-modified")).toBe("Mon, 07 Dec 2026 06:00:00 GMT");
  expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+/);
  expect(await response.text()).toBe('{"rows":[]}');
});

test("If-None-Match: 304 for the tag, a list holding it, its weak form, or *; 200 otherwise", async () => {
  for (const header of [etag, `"other", ${etag}`, `W/${etag}`, `"a",W/${etag} , "b"`, "*"]) {
    const response = answer({ "if-none-match": header });
    expect(response.status, header).toBe(304);
    expect(await response.text(), header).toBe("");
    expect(response.headers.get("etag"), header).toBe(etag);
    expect(response.headers.get("cache-control"), header).toMatch(/^public/);
  }
  for (const header of ['"other"', '"snap1-overall"', 'W/"x", "y"', etag.slice(1, -1)])
    expect(answer({ "if-none-match": header }).status, header).toBe(200);
});

test("If-Modified-Since: 304 when nothing changed since, ignored when If-None-Match is present", () => {
  expect(answer({ "if-modified-since": "Mon, 07 Dec 2026 06:00:00 GMT" }).status).toBe(304);
  expect(answer({ "if-modified-since": "Mon, 07 Dec 2026 07:00:00 GMT" }).status).toBe(304);
  expect(answer({ "if-modified-since": "Mon, 07 Dec 2026 05:59:59 GMT" }).status).toBe(200);
  expect(answer({ "if-modified-since": "not a date" }).status).toBe(200);
  expect(answer({ "if-none-match": '"other"', "if-modified-since": "Mon, 07 Dec 2026 07:00:00 GMT" }).status).toBe(200);
});
