import { getEnv } from "../env";
import { processShared } from "../process-shared";
import { createDb, type Db } from "./client";

export type { Db } from "./client";

/** The process-wide database client for the configured DATABASE_URL (one across hot reloads, too). */
export function getDb(): Db {
  return processShared("db", () => createDb(getEnv().DATABASE_URL));
}
