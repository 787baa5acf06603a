import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { request } from "../../../scripts/bench/load";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

// Varied outcomes: a voter who always picks one side is flagged by the integrity checks.
const OUTCOMES = ["left", "right", "tie"] as const;
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));

describe.skipIf(!testEngines.includes("postgresql"))("two app instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let mediaDir: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    if (!BUILT) throw new Error("no production build: run `npm run build` before the integration suite");
    database = await createTestDatabase("postgresql");
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-two-media-"));
    const env = {
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      SESSION_SECRET: "shared-secret-of-both-instances-0123456789",
      RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
      RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
      RECOMPUTE_AFTER_VOTES: "1",
      RECOMPUTE_CHECK_SECONDS: "1",
      BT_BOOTSTRAP_ROUNDS: "100",
      // Every test client shares 127.0.0.1, which the burst check would rightly flag.
      INTEGRITY_BURST_VOTES_PER_MINUTE: "100000",
    };
    // One after the other: the first applies migrations and seeds, the second finds both done.
    servers.push(await startServer(3311, env));
    servers.push(await startServer(3312, env));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test("clients alternating between instances: exact vote counts and one shared leaderboard", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    let acknowledged = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, client) => {
        const first = await request(`${a.baseUrl}/api/battles`, "POST", "{}");
        const cookie = String(first.headers["set-cookie"]?.[0]).split(";")[0] ?? "";
        for (let i = 0; i < 25; i += 1) {
          // Served by one instance, voted on through the other: the session and the battle live in the database.
          const [serve, vote] = (client + i) % 2 === 0 ? [a, b] : [b, a];
          const battle = await request(`${serve.baseUrl}/api/battles`, "POST", "{}", { cookie });
          expect(battle.status).toBe(201);
          const id = (JSON.parse(battle.body) as { battleId: string }).battleId;
          const response = await request(
            `${vote.baseUrl}/api/battles/${id}/vote`,
            "POST",
            JSON.stringify({ outcome: OUTCOMES[(client + i) % 3] }),
            { cookie },
          );
          expect(response.status).toBe(201);
          acknowledged += 1;
        }
      }),
    );
    expect(await database.db.vote.count()).toBe(acknowledged);

    // Votes came faster than the clips play, so they are flagged: count them in for this check.
    await database.db.vote.updateMany({ data: { flagged: false, flagReason: null } });
    const board = async (server: RunningServer) => (await request(`${server.baseUrl}/api/leaderboard`, "GET")).body;
    await expect
      .poll(async () => (JSON.parse(await board(a)) as { votes: number }).votes, { timeout: 300_000 })
      .toBe(acknowledged);
    await expect.poll(async () => (await board(b)) === (await board(a)), { timeout: 300_000 }).toBe(true);
    // Mutual exclusion of the recompute itself is shown by the lease race in leaderboard-api.test.ts.
  });
});
