import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle } from "@/lib/http/arena-api";
import { createDb, type Db } from "@/lib/db/client";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { type ArenaFixture, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

/**
 * A TCP relay to PostgreSQL that the test can cut and restore, like a server going away, or pause
 * (bytes are held in both directions, connections stay open, like a network partition) and resume.
 */
function createRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  let paused = false;
  let server: net.Server | undefined;
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on("data", (chunk: Buffer) => {
      if (paused) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const open = (port: number) =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => {
            sockets.delete(s);
            client.destroy();
            upstream.destroy();
          });
          s.on("error", () => s.destroy());
        }
        forward(client, upstream);
        forward(upstream, client);
      });
      server.listen(port, "127.0.0.1", resolve);
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  const pause = () => {
    paused = true;
  };
  const resume = () => {
    paused = false;
    for (const write of held.splice(0)) write();
  };
  return { open, cut, pause, resume };
}

describe.skipIf(!testEngines.includes("postgresql"))("PostgreSQL unavailable", () => {
  let f: ArenaFixture;
  let db: Db;
  const relay = createRelay({ host: "127.0.0.1", port: 5432 });
  const RELAY_PORT = 55432;

  beforeAll(async () => {
    f = await createArenaFixture("postgresql");
    await relay.open(RELAY_PORT);
    const url = new URL(f.url);
    url.port = String(RELAY_PORT);
    url.hostname = "127.0.0.1";
    db = createDb(url.toString());
  });
  afterAll(async () => {
    await db.$disconnect().catch(() => {});
    await relay.cut();
    await f.close();
  });

  test("requests fail fast with 503 while the database is gone, and work again when it is back", async () => {
    const ctx = { ...f.ctx, db };
    getLeaderboardCache().forget();
    expect(
      (await handleLeaderboard(getPublicContext(db), new Request("http://localhost/api/leaderboard"))).status,
    ).toBe(200);
    expect((await handleCreateBattle(ctx, postJson("/api/battles", {}))).status).toBe(201);

    await relay.cut();
    getLeaderboardCache().forget();
    const started = Date.now();
    const down = await handleLeaderboard(getPublicContext(db), new Request("http://localhost/api/leaderboard"));
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
    expect(down.headers.get("retry-after")).toBeTruthy();
    const battle = await handleCreateBattle(ctx, postJson("/api/battles", {}));
    expect(battle.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);

    await relay.open(RELAY_PORT);
    getLeaderboardCache().forget();
    expect(
      (await handleLeaderboard(getPublicContext(db), new Request("http://localhost/api/leaderboard"))).status,
    ).toBe(200);
    expect((await handleCreateBattle(ctx, postJson("/api/battles", {}))).status).toBe(201);
  });

  test("a paused database (bytes held, connections open) answers 503 once the query times out, and recovers on resume", async () => {
    const ctx = { ...f.ctx, db };
    getLeaderboardCache().forget();
    expect((await handleCreateBattle(ctx, postJson("/api/battles", {}))).status).toBe(201);

    relay.pause();
    getLeaderboardCache().forget();
    const [down, battle] = await Promise.all([
      handleLeaderboard(getPublicContext(db), new Request("http://localhost/api/leaderboard")),
      handleCreateBattle(ctx, postJson("/api/battles", {})),
    ]);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBeTruthy();
    expect(battle.status).toBe(503);

    relay.resume();
    // Without a restart: the same client serves again (a connection the timeout left behind may fail once).
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 201; attempt += 1)
      status = (await handleCreateBattle(ctx, postJson("/api/battles", {}))).status;
    expect(status).toBe(201);
    getLeaderboardCache().forget();
    expect(
      (await handleLeaderboard(getPublicContext(db), new Request("http://localhost/api/leaderboard"))).status,
    ).toBe(200);
  });
});
