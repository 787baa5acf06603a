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

  const limiters = (points: number, addressPoints = points) => ({
    address: new RateLimiterMemory({ points: addressPoints, duration: 900 }),
    accountAtAddress: new RateLimiterMemory({ points, duration: 900 }),
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

  test("attempts are limited per address and per account at an address; nobody can lock the owner out", async () => {
    const l = limiters(3, 5);
    const attempt = (address: string, password = "guess-guess-guess", email = "ops@example.org") =>
      signInWithPassword(t.db, l, { email, password }, address);
    for (let i = 0; i < 3; i += 1) expect(await attempt("attacker")).toBeNull();
    // The attacker's address is spent for this account, even with the right password…
    await expect(attempt("attacker", "a long enough password")).rejects.toThrow(SIGN_IN_RATE_LIMITED);
    // …but the owner from their own address still gets in.
    expect(await attempt("owner", "a long enough password")).toMatchObject({ email: "ops@example.org" });
    // The address limit caps guesses spread over accounts.
    expect(await attempt("attacker", "guess-guess-guess", "other@example.org")).toBeNull();
    await expect(attempt("attacker", "guess-guess-guess", "third@example.org")).rejects.toThrow(SIGN_IN_RATE_LIMITED);
  });

  test("a successful sign-in gives the account's attempts at that address back", async () => {
    const l = limiters(3, 100);
    const attempt = (password: string) => signInWithPassword(t.db, l, { email: "ops@example.org", password }, "owner");
    for (let i = 0; i < 2; i += 1) expect(await attempt("typo-typo-typo")).toBeNull();
    expect(await attempt("a long enough password")).not.toBeNull();
    for (let i = 0; i < 3; i += 1) expect(await attempt("typo-typo-typo")).toBeNull();
    await expect(attempt("typo-typo-typo")).rejects.toThrow(SIGN_IN_RATE_LIMITED);
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
