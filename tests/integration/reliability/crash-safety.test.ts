import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { request } from "../../../scripts/bench/load";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

// Runs the production build: `npm test` builds before the integration suite.
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));
const CLIENTS = 8;
const LOAD_MS = 2_500;

describe.each(testEngines)("crash safety on %s", (engine) => {
  let database: TestDatabase;
  let mediaDir: string;
  let server: RunningServer | undefined;
  const port = engine === "sqlite" ? 3301 : 3302;
  const env = () => ({
    DATABASE_URL: database.url,
    MEDIA_DIR: mediaDir,
    RATE_LIMIT_VOTER_PER_MINUTE: "1000000",
    RATE_LIMIT_ADDRESS_PER_MINUTE: "1000000",
    RECOMPUTE_CHECK_SECONDS: "3600",
  });

  beforeAll(async () => {
    if (!BUILT) throw new Error("no production build: run `npm run build` before the integration suite");
    database = await createTestDatabase(engine);
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-crash-media-"));
  });
  afterAll(async () => {
    await server?.stop();
    await database.drop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test("kill -9 under load loses no acknowledged vote, stores none twice, and the server comes back", async () => {
    server = await startServer(port, env());
    const base = server.baseUrl;
    const acknowledged: string[] = [];
    let stop = false;
    const client = async () => {
      const first = await request(`${base}/api/battles`, "POST", "{}").catch(() => null);
      const cookie = String(first?.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
      while (!stop) {
        try {
          const battle = await request(`${base}/api/battles`, "POST", "{}", { cookie });
          if (battle.status !== 201) continue;
          const id = (JSON.parse(battle.body) as { battleId: string }).battleId;
          const vote = await request(`${base}/api/battles/${id}/vote`, "POST", JSON.stringify({ outcome: "tie" }), {
            cookie,
          });
          if (vote.status === 201) acknowledged.push(id);
        } catch {
          // the server is gone: keep trying until the test stops the clients
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    // SIGKILL to the whole process group: serve.ts and the Next.js server it started.
    process.kill(-(server.process.pid as number), "SIGKILL");
    await new Promise((resolve) => server?.process.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(20);

    server = await startServer(port, env());
    const stored = await database.db.vote.findMany({
      where: { battleId: { in: acknowledged } },
      select: { battleId: true },
    });
    expect(stored.length).toBe(acknowledged.length);
    expect(new Set(stored.map((v) => v.battleId)).size).toBe(acknowledged.length);
    const fresh = await request(`${server.baseUrl}/api/battles`, "POST", "{}");
    expect(fresh.status).toBe(201);
  });
});
