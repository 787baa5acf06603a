import { expect, test } from "vitest";
import { refuseRequestTarget } from "@/lib/http/request-target";

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
