import { describe, expect, test } from "vitest";
import { decodePathSegment, isDecodableTarget, refuseRequestTarget } from "@/lib/http/request-target";

describe("decodePathSegment", () => {
  test.each([
    ["abc", "abc"],
    ["a%20b", "a b"],
    ["%E4%B8%AD", "中"],
    ["", ""],
  ])("decodes %j", (segment, decoded) => expect(decodePathSegment(segment)).toBe(decoded));

  test.each(["%zz", "%", "%E4%B8", "%ED%A0%80", "%C0%AF", "a%00b"])("refuses %j", (segment) =>
    expect(decodePathSegment(segment)).toBeNull(),
  );
});

describe("isDecodableTarget", () => {
  test.each([
    "/",
    "/api/models/kling-2",
    "/api/leaderboard?category=physics&lang=zh",
    "/models/a?x=%E4%B8%AD+b",
    "/?a",
  ])("accepts %j", (target) => expect(isDecodableTarget(target)).toBe(true));

  test.each([
    "/api/models/%ED%A0%80",
    "/media/%zz/a",
    "/api/releases/v1/%C3",
    "/models/%00",
    "/api/export/votes?from=%zz",
    "/api/leaderboard?%E0%A4%A=x",
  ])("refuses %j", (target) => expect(isDecodableTarget(target)).toBe(false));
});

test("origin-form and absolute-form targets that decode are served", () => {
  for (const target of [
    "/",
    "/api/models/veo-2",
    "/api/models/%E4%B8%AD",
    "/api/export/votes?from=%zz&to=%ED%A0%80",
    "/media/a%20b/a",
    "http://localhost/api/health",
  ])
    expect(refuseRequestTarget(target), target).toBeNull();
});

test("asterisk and authority forms, bad escapes and invalid UTF-8 in the path are refused", () => {
  for (const target of [
    undefined,
    "",
    "*",
    "localhost:22",
    "/api/models/%ED%A0%80",
    "/api/models/%zz",
    "/media/%/a",
    "/api/releases/%FF%FE/x",
    "/models/%C0%AF",
    "/models/%E0%A4%A",
    "http://localhost/api/models/%zz",
    "/media/%00/a",
    "/media/clips/a%00b",
  ])
    expect(refuseRequestTarget(target), String(target)).toEqual(expect.any(String));
});
