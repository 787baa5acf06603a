import { expect, test } from "vitest";
import { cookieFromHeader } from "@/lib/cookie-header";

test("cookies are found by name and percent-decoded", () => {
  expect(cookieFromHeader("a=1; ca_voter=x%2By; b=2", "ca_voter")).toBe("x+y");
  expect(cookieFromHeader("a=1", "ca_voter")).toBeUndefined();
  expect(cookieFromHeader(null, "ca_voter")).toBeUndefined();
});

test("a malformed escape is returned as sent instead of throwing", () => {
  for (const value of ["%zz", "%", "%E0%A4%A", "%ED%A0%80"])
    expect(cookieFromHeader(`next-auth.session-token=${value}`, "next-auth.session-token")).toBe(value);
});
