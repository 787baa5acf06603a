import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateApiKey, handleRevokeApiKey } from "@/lib/http/account-api";
import { isValidApiKey } from "@/lib/export/api-keys";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";
import { adminRequest, type SignedIn, signInAs } from "./admin-fixture";

describe.each(testEngines)("researcher API keys on %s", (engine) => {
  let f: ArenaFixture;
  let researcher: SignedIn;
  let other: SignedIn;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    researcher = await signInAs(f, "researcher@example.org", "researcher");
    other = await signInAs(f, "other@example.org", "researcher");
  });
  afterAll(() => f.close());

  const create = (as?: SignedIn, csrf?: string | null) =>
    handleCreateApiKey(f.ctx, adminRequest("POST", "/api/account/keys", { as, csrf }));
  const revoke = (id: string, as: SignedIn) =>
    handleRevokeApiKey(f.ctx, adminRequest("POST", `/api/account/keys/${id}/revoke`, { as }), id);

  test("a signed-in researcher creates a key that works, and revokes it", async () => {
    const response = await create(researcher);
    expect(response.status).toBe(201);
    const { id, key } = (await response.json()) as { id: string; key: string };
    expect(key).toMatch(/^ca_[\w-]{32}$/);
    expect(await isValidApiKey(f.db, key)).toBe(true);
    // Nobody else can revoke it; its owner can, once.
    expect((await revoke(id, other)).status).toBe(404);
    expect((await revoke(id, researcher)).status).toBe(200);
    expect((await revoke(id, researcher)).status).toBe(404);
    expect(await isValidApiKey(f.db, key)).toBe(false);
    // The key itself is nowhere in the database.
    expect(JSON.stringify(await f.db.apiKey.findMany())).not.toContain(key);
  });

  test("no key without a session or without the CSRF token", async () => {
    const before = await f.db.apiKey.count();
    expect((await create()).status).toBe(401);
    expect((await create(researcher, null)).status).toBe(403);
    expect(await f.db.apiKey.count()).toBe(before);
  });
});
