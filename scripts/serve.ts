// npm start: checks the configuration, applies pending migrations, seeds the demo into an empty
// database, then serves the production build on PORT: the arena's hot JSON endpoints straight
// from lib/ (lib/http/direct-routes.ts), everything else through Next.js.
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
import { createFrontDoor, refuseConnect } from "../lib/http/front-door";
import { parseCidrList } from "../lib/cidr";
import { resolveSessionSecret } from "../lib/session-secret";
import { createMediaStore } from "../lib/storage/media-store";
import { runCli } from "./run-cli";

runCli(async () => {
  const env = parseEnv();
  if (!fs.existsSync(path.join(".next", "BUILD_ID")))
    throw new ConfigError("no production build: run `npm run build` first");
  // Next.js, React and next-auth read these from the environment of this process.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
  process.env.SESSION_SECRET = resolveSessionSecret(env.SESSION_SECRET);
  // next-auth builds its callback URLs from NEXTAUTH_URL; without a public URL it may trust the Host header.
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST = "true";

  await migrateDatabase(env.DATABASE_URL).catch(explainDatabaseError);
  const db = createDb(env.DATABASE_URL);
  try {
    const seeded = await seedDemoIfEmpty(db, createMediaStore(env));
    if (seeded)
      console.log(`seeded the demo: ${seeded.models} models, ${seeded.prompts} prompts, ${seeded.clips} clips`);
  } finally {
    await db.$disconnect();
  }

  const app = next({ dev: false, dir: process.cwd(), port: env.PORT });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const admit = createFrontDoor({
    // Room for the largest upload and its multipart framing; anything declaring more is refused unread.
    maxBodyBytes: (env.MAX_UPLOAD_MB + 1) * 1024 * 1024,
    trustedProxies: parseCidrList(env.TRUSTED_PROXIES),
  });
  const server = http.createServer((request, response) => {
    if (admit(request, response)) return;
    const direct = matchDirectRoute(request.method, request.url);
    if (direct) void serveThroughBridge(request, response, direct);
    else void handleWithNext(request, response);
  });
  server.on("connect", refuseConnect);
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
