// npm start: checks the configuration, applies pending migrations, seeds the demo into an empty
// database, then serves the production build with `next start` on PORT.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/prepare";
import { ConfigError } from "../lib/db/url";
import { seedDemoIfEmpty } from "../lib/demo/seed";
import { createMediaStore } from "../lib/storage/media-store";
import { getEnv } from "../lib/env";
import { getSessionSecret } from "../lib/session-secret";
import { runCli } from "./run-cli";

runCli(async () => {
  const env = getEnv();
  if (!fs.existsSync(path.join(".next", "BUILD_ID")))
    throw new ConfigError("no production build: run `npm run build` first");
  const sessionSecret = getSessionSecret();
  await migrateDatabase(env.DATABASE_URL).catch(explainDatabaseError);
  const db = createDb(env.DATABASE_URL);
  try {
    const seeded = await seedDemoIfEmpty(db, createMediaStore(env));
    if (seeded)
      console.log(`seeded the demo: ${seeded.models} models, ${seeded.prompts} prompts, ${seeded.clips} clips`);
  } finally {
    await db.$disconnect();
  }
  const next = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(env.PORT)], {
    stdio: "inherit",
    env: {
      ...process.env,
      SESSION_SECRET: sessionSecret,
      // next-auth builds its callback URLs from NEXTAUTH_URL; without a public URL it may trust the Host header.
      ...(env.PUBLIC_URL ? { NEXTAUTH_URL: env.PUBLIC_URL } : { AUTH_TRUST_HOST: "true" }),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  await new Promise<void>((resolve, reject) =>
    next.on("exit", (code) =>
      code === 0 || code === null ? resolve() : reject(new Error(`next exited with ${code}`)),
    ),
  );
});

/** Database driver errors become one line: the usual cause is a server that is down or a wrong URL. */
function explainDatabaseError(error: unknown): never {
  if (error instanceof ConfigError) throw error;
  const detail = error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
  throw new ConfigError(`cannot prepare the database at DATABASE_URL (${detail})`);
}
