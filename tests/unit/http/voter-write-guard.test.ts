import { expect, test } from "vitest";
import { ApiError } from "@/lib/errors";
import { requireSameOriginJson } from "@/lib/http/voter-write-guard";

function post(headers: Record<string, string>): Request {
  return new Request("http://arena.example/api/battles/x/vote", {
    method: "POST",
    headers: { host: "arena.example", ...headers },
    body: "{}",
  });
}

function refusal(headers: Record<string, string>): { status: number; code: string } | null {
  try {
    requireSameOriginJson(post(headers));
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, code: error.code };
  }
}

const json = { "content-type": "application/json" };

test("same-origin JSON writes from a page, and non-browser clients, are accepted", () => {
  expect(refusal({ ...json, "sec-fetch-site": "same-origin", origin: "http://arena.example" })).toBeNull();
  expect(refusal({ "content-type": "Application/JSON; charset=utf-8", "sec-fetch-site": "none" })).toBeNull();
  expect(refusal({ ...json, origin: "http://arena.example" })).toBeNull();
  expect(refusal(json)).toBeNull();
});

test("a form-style or text/plain POST (no preflight needed cross-site) is a 415", () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
    expect(refusal({ "content-type": type, "sec-fetch-site": "same-origin" })).toEqual({
      status: 415,
      code: "unsupported_media_type",
    });
  expect(refusal({})).toEqual({ status: 415, code: "unsupported_media_type" });
});

test("a cross-site or same-site-but-other-origin write is a 403", () => {
  const refused = { status: 403, code: "cross_site_request" };
  expect(refusal({ ...json, "sec-fetch-site": "cross-site", origin: "http://arena.example" })).toEqual(refused);
  expect(refusal({ ...json, "sec-fetch-site": "same-site" })).toEqual(refused);
  expect(refusal({ ...json, origin: "https://evil.example" })).toEqual(refused);
  expect(refusal({ ...json, origin: "null" })).toEqual(refused);
  expect(refusal({ ...json, origin: "http://arena.example.evil.example" })).toEqual(refused);
});
