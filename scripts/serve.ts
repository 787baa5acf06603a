// npm start: checks the configuration, applies pending migrations, seeds the demo into an empty
// database, then serves the production build on PORT: the API's hot endpoints straight from lib/
// (lib/http/direct-routes.ts), `/` and `/leaderboard` through a short shared page cache
// (lib/http/page-cache.ts), everything else through Next.js.
//
// npm run dev (`--dev`): the same request path over Next.js's development server (hot reload),
// the one difference being that it neither migrates, seeds nor caches pages (instrumentation.ts
// refuses a database that lacks migrations).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { matchDirectRoute } from "../lib/http/direct-routes";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/prepare";
import { ConfigError } from "../lib/db/url";
import { seedDemoIfEmpty } from "../lib/demo/seed";
import { parseEnv } from "../lib/env";
import { serveThroughBridge } from "../lib/http/node-bridge";
import { answerClientError, createFrontDoor, refuseConnect } from "../lib/http/front-door";
import { PageCache } from "../lib/http/page-cache";
import { VOTER_COOKIE } from "../lib/arena/voter-session";
import { cookieFromHeader } from "../lib/cookie-header";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "../i18n/locale";
import { parseCidrList } from "../lib/cidr";
import { resolveSessionSecret } from "../lib/session-secret";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

runCli(async () => {
  const dev = process.argv.includes("--dev");
  const env = parseEnv();
  if (!dev && !fs.existsSync(path.join(".next", "BUILD_ID")))
    throw new ConfigError("no production build: run `npm run build` first");
  // Next.js, React and next-auth read these from the environment of this process.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production") });
  process.env.SESSION_SECRET = resolveSessionSecret(env.SESSION_SECRET);
  // next-auth builds its callback URLs from NEXTAUTH_URL; without a public URL it may trust the Host header.
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST = "true";

  if (!dev) await prepareDatabase(env);

  const app = next({ dev, dir: process.cwd(), port: env.PORT });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const admit = createFrontDoor({
    // Room for the largest upload and its multipart framing; anything declaring more is refused unread.
    maxBodyBytes: (env.MAX_UPLOAD_MB + 1) * 1024 * 1024,
    trustedProxies: parseCidrList(env.TRUSTED_PROXIES),
  });
  const render = (request: http.IncomingMessage, response: http.ServerResponse) =>
    void handleWithNext(request, response);
  // Pages change as they are edited under `--dev`: no cache there.
  const pages = dev
    ? null
    : new PageCache({
        paths: ["/", "/leaderboard"],
        neutralCookies: [LOCALE_COOKIE, VOTER_COOKIE],
        // As i18n/request.ts resolves it (a `?lang=` request is never cached).
        localeOf: (request) => {
          const fromCookie = cookieFromHeader(request.headers.cookie ?? null, LOCALE_COOKIE);
          return isLocale(fromCookie)
            ? fromCookie
            : localeFromAcceptLanguage(request.headers["accept-language"] ?? null);
        },
      });
  const server = http.createServer((request, response) => {
    if (admit(request, response)) return;
    const direct = matchDirectRoute(request.method, request.url);
    if (direct) void serveThroughBridge(request, response, direct);
    else if (pages) pages.serve(request, response, render);
    else render(request, response);
  });
  // An idle keep-alive connection outlives any client's or proxy's idle timeout (nginx's upstream
  // keepalive_timeout and load balancers' 60 s): at Node's 5 s default, a client that reuses an idle
  // connection just as the server closes it gets a reset (ECONNRESET, or a 502 from a proxy).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // The header timeout stays above it, the usual advice for a Node server behind a proxy.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.on("connect", refuseConnect);
  server.on("clientError", answerClientError);
  // Next.js's development server reloads pages over a WebSocket.
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
  }
  await listen(server, env.PORT);
  console.log(`Clip Arena is serving on http://localhost:${env.PORT}`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
  });
  await app.close();
});

/** How long an idle keep-alive connection stays open, in ms (above the usual 60 s proxy idle timeout). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Applies pending migrations and seeds the demo into an empty database. */
async function prepareDatabase(env: ReturnType<typeof parseEnv>): Promise<void> {
  await migrateDatabase(env.DATABASE_URL).catch(explainDatabaseError);
  const db = createDb(env.DATABASE_URL);
  try {
    const seeded = await seedDemoIfEmpty(db, createMediaStore(env));
    if (seeded)
      console.log(`seeded the demo: ${seeded.models} models, ${seeded.prompts} prompts, ${seeded.clips} clips`);
  } finally {
    await db.$disconnect();
  }
}

/** Database driver errors become one line: the usual cause is a server that is down or a wrong URL. */
function explainDatabaseError(error: unknown): never {
  if (error instanceof ConfigError) throw error;
  const detail = error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
  throw new ConfigError(`cannot prepare the database at DATABASE_URL (${detail})`);
}

/** Starts listening; a port in use or not allowed is one line (exit 1), not a stack trace. */
function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(new ConfigError(`port ${port} is already in use: stop what uses it, or set PORT`));
      else if (error.code === "EACCES") reject(new ConfigError(`port ${port} is not allowed for this user: set PORT`));
      else reject(error);
    });
    server.listen(port, resolve);
  });
}
