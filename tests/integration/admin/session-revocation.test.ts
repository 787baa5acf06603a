import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readOperatorSession, type SessionClaims } from "@/lib/auth/operator-session";
import { findOperatorByEmail, revokeOperatorSessions, saveOperator } from "@/lib/auth/operators";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

const SECRET = "test-secret-that-is-long-enough-000000";

describe.each(testEngines)("operator session revocation on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await saveOperator(t.db, "ops@example.org", "a long enough password", "admin");
  });
  afterAll(() => t.drop());

  async function cookieFor(claims: SessionClaims): Promise<string> {
    return `next-auth.session-token=${await encode({ token: { ...claims }, secret: SECRET })}`;
  }

  test("signing out revokes the token itself: a copy kept by anyone stops working at once", async () => {
    const operator = (await findOperatorByEmail(t.db, "ops@example.org"))!;
    const before = await cookieFor({ sub: operator.id, sid: "s1", sv: operator.sessionVersion });
    expect(await readOperatorSession(t.db, SECRET, before)).toMatchObject({ email: "ops@example.org" });

    await revokeOperatorSessions(t.db, operator.id);
    expect(await readOperatorSession(t.db, SECRET, before)).toBeNull();

    // Signing in again issues a token with the new version, which works.
    const renewed = (await findOperatorByEmail(t.db, "ops@example.org"))!;
    expect(renewed.sessionVersion).toBe(operator.sessionVersion + 1);
    const after = await cookieFor({ sub: operator.id, sid: "s2", sv: renewed.sessionVersion });
    expect(await readOperatorSession(t.db, SECRET, after)).toMatchObject({ email: "ops@example.org" });
    // A token from before versions (no claim) or carrying another version is refused too.
    expect(await readOperatorSession(t.db, SECRET, await cookieFor({ sub: operator.id, sid: "s3" }))).toBeNull();
    expect(
      await readOperatorSession(
        t.db,
        SECRET,
        await cookieFor({ sub: operator.id, sid: "s4", sv: renewed.sessionVersion + 1 }),
      ),
    ).toBeNull();
  });

  test("setting a new password (admin:create on an existing account) revokes the sessions signed in before", async () => {
    await saveOperator(t.db, "reset@example.org", "the first long password", "admin");
    const operator = (await findOperatorByEmail(t.db, "reset@example.org"))!;
    const before = await cookieFor({ sub: operator.id, sid: "r1", sv: operator.sessionVersion });
    expect(await readOperatorSession(t.db, SECRET, before)).toMatchObject({ email: "reset@example.org" });

    expect(await saveOperator(t.db, "Reset@Example.org", "a second long password", "researcher")).toEqual({
      created: false,
    });
    expect(await readOperatorSession(t.db, SECRET, before)).toBeNull();
    const renewed = (await findOperatorByEmail(t.db, "reset@example.org"))!;
    const after = await cookieFor({ sub: operator.id, sid: "r2", sv: renewed.sessionVersion });
    expect(await readOperatorSession(t.db, SECRET, after)).toMatchObject({ role: "researcher" });
  });

  test("revoking an unknown account changes nothing", async () => {
    await expect(revokeOperatorSessions(t.db, "no-such-id")).resolves.toBeUndefined();
  });
});
