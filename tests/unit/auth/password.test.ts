import { describe, expect, test } from "vitest";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  test("a hash verifies its password and no other, and is salted", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  test("anything that is not one of our hashes never verifies", async () => {
    for (const stored of ["!", "", "plain-text-password", "bcrypt$x$y", DUMMY_PASSWORD_HASH])
      expect(await verifyPassword("plain-text-password", stored)).toBe(false);
  });

  test("the same password in another Unicode normal form verifies", async () => {
    const composed = "caf\u00e9 au lait 2026";
    expect(await verifyPassword(composed.normalize("NFD"), await hashPassword(composed))).toBe(true);
  });
});
