import { getEnv } from "../env";
import { createDb, type Db } from "./client";

export type { Db } from "./client";

// One client per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { clipArenaDb?: Db };

/** The process-wide database client for the configured DATABASE_URL. */
export function getDb(): Db {
  globalForDb.clipArenaDb ??= createDb(getEnv().DATABASE_URL);
  return globalForDb.clipArenaDb;
}
