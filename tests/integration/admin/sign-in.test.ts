import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { saveOperator, verifyCredentials } from "@/lib/auth/operators";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SIGN_IN_RATE_LIMITED } from "@/lib/auth/sign-in-errors";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

describe.each(testEngines)("operator sign-in on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await saveOperator(t.db, "Ops@Example.org", "a long enough password", "admin");
  });
  afterAll(() => t.drop());

  const limiters = (points: number) => ({
    address: new RateLimiterMemory({ points, duration: 900 }),
    email: new RateLimiterMemory({ points, duration: 900 }),
  });

  test("the right password signs in (email in any case); wrong password and unknown email look the same", async () => {
    const l = limiters(100);
    expect(
      await signInWithPassword(t.db, l, { email: "ops@example.ORG", password: "a long enough password" }, "a"),
    ).toMatchObject({
      email: "ops@example.org",
      role: "admin",
    });
    expect(
      await signInWithPassword(t.db, l, { email: "ops@example.org", password: "wrong password!!" }, "a"),
    ).toBeNull();
    expect(
      await signInWithPassword(t.db, l, { email: "nobody@example.org", password: "wrong password!!" }, "a"),
    ).toBeNull();
    expect(await signInWithPassword(t.db, l, undefined, "a")).toBeNull();
  });

  test("an account holding only API keys (no password) cannot sign in", async () => {
    await t.db.user.create({ data: { email: "keys-only@example.org", passwordHash: "!", role: "researcher" } });
    expect(await verifyCredentials(t.db, "keys-only@example.org", "!")).toBeNull();
  });

  test("attempts are limited per address and per account, even with the right password", async () => {
    const l = limiters(3);
    const attempt = (address: string, password = "guess-guess-guess") =>
      signInWithPassword(t.db, l, { email: "ops@example.org", password }, address);
    for (let i = 0; i < 3; i += 1) expect(await attempt("addr-1")).toBeNull();
    await expect(attempt("addr-1", "a long enough password")).rejects.toThrow(SIGN_IN_RATE_LIMITED);
    // Another address still hits the account's own limit.
    await expect(attempt("addr-2", "a long enough password")).rejects.toThrow(SIGN_IN_RATE_LIMITED);
  });

  test("saving an operator again sets the new password and role; short passwords are refused", async () => {
    expect(await saveOperator(t.db, "ops@example.org", "another long password", "researcher")).toEqual({
      created: false,
    });
    expect(await verifyCredentials(t.db, "ops@example.org", "another long password")).toMatchObject({
      role: "researcher",
    });
    await expect(saveOperator(t.db, "new@example.org", "short", "admin")).rejects.toThrow(/at least 12/);
    expect(await t.db.user.count({ where: { email: "new@example.org" } })).toBe(0);
  });
});
