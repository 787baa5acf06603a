import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

// Runs the production server (serve.ts in front of Next.js): `npm test` builds before this suite.
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));
const PORT = 3502;
const PROXY_PORT = 3503;

/**
 * A TCP relay between the server and PostgreSQL that can be cut: the database "goes down" for the
 * server (open connections drop, new ones are refused) while PostgreSQL itself keeps running.
 */
class CuttableRelay {
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();

  constructor(
    private readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    this.#server = server;
    return new Promise((resolve) => server.listen(this.port, "127.0.0.1", resolve));
  }

  cut(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

async function page(target: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`http://127.0.0.1:${PORT}${target}`);
  return { status: response.status, html: await response.text() };
}

describe.runIf(BUILT && testEngines.includes("postgresql"))("pages while the database is down", () => {
  let database: TestDatabase;
  let relay: CuttableRelay;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    const direct = new URL(database.url);
    relay = new CuttableRelay(PROXY_PORT, { host: direct.hostname, port: Number(direct.port || 5432) });
    await relay.open();
    const relayed = new URL(database.url);
    relayed.hostname = "127.0.0.1";
    relayed.port = String(PROXY_PORT);
    server = await startServer(PORT, { DATABASE_URL: relayed.toString(), RECOMPUTE_CHECK_SECONDS: "3600" });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await relay?.cut();
    await database?.drop();
  });

  test("the leaderboard is the error page with a Retry button in either language, never another board", async () => {
    await relay.cut();
    for (const [lang, messages] of [
      ["en", en],
      ["zh", zh],
    ] as const) {
      const { status, html } = await page(`/leaderboard?category=physics&lang=${lang}`);
      expect(status, lang).toBe(500);
      // Next.js answers a page that failed on the server with its error document, which the browser
      // fills with app/error.tsx: no board in it, and the error page's words in the reader's language.
      expect(html, lang).toContain('id="__next_error__"');
      expect(html, lang).toContain(messages.pageError.title);
      expect(html, lang).toContain(messages.pageError.retry);
      expect(html, lang).not.toContain("<table");
    }
    // What Retry asks for once the database is back: the board itself.
    await relay.open();
    const back = await page("/leaderboard?category=physics&lang=en");
    expect(back.status).toBe(200);
    expect(back.html).not.toContain(`<h1>${en.pageError.title}</h1>`);
    expect(back.html).toContain(`<h1>${en.leaderboard.title}</h1>`);
  }, 120_000);
});
