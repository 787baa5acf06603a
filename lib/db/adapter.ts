import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parse as parsePgConnectionString } from "pg-connection-string";
import type Database from "better-sqlite3";
import { cacheStatements } from "./sqlite-statement-cache";
import { gateSqliteTransactions } from "./sqlite-transaction-gate";
import type { DatabaseTarget } from "./url";

/** Pool and timeout settings, tuned so a dead database fails requests fast instead of hanging. */
const PG_POOL = { max: 10, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000, query_timeout: 15_000 };
/**
 * How long one SQLite statement waits for the file lock inside SQLite (better-sqlite3's busy
 * timeout). That wait blocks the thread, so it is kept short: longer waits are the transaction
 * gate's retries, which wait with timers and leave the event loop free (sqlite-transaction-gate.ts).
 */
const SQLITE_BUSY_TIMEOUT_MS = 20;
/**
 * The busy timeout of the schema engine's connection (migrations, checks at start-up): it cannot
 * retry a refused statement, and nothing is being served yet, so it waits inside SQLite.
 */
export const SQLITE_MIGRATION_BUSY_TIMEOUT_MS = 10_000;

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes what the factory opened (the PostgreSQL pool); the Prisma client closes its own. */
  close: () => Promise<void>;
}

/**
 * Builds the Prisma driver adapter factory for a database target, and a way to close every
 * connection it opened. The schema engine does not dispose its connection when freed, and an open
 * SQLite handle from a migration would keep the file locked.
 */
export function createAdapter(target: DatabaseTarget, busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): AdapterHandle {
  if (target.engine === "sqlite") {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const base = new PrismaBetterSqlite3({ url: target.file, timeout: busyTimeoutMs });
    const opened: SqlDriverAdapter[] = [];
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: async () => {
        const adapter = await base.connect();
        opened.push(adapter);
        // The adapter keeps its better-sqlite3 connection as `client` (7.x); fail loudly if an
        // upgrade moves it, rather than silently prepare every statement again.
        const client = (adapter as unknown as { client?: Database.Database }).client;
        if (typeof client?.prepare !== "function")
          throw new Error("the SQLite adapter no longer exposes its connection");
        cacheStatements(client);
        // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a commit in WAL mode
        // would reach the disk only at the next checkpoint and a power cut could take back an
        // acknowledged write. FULL syncs the WAL at every commit; group commit keeps that to one
        // sync per group of writes (lib/db/group-commit.ts).
        await adapter.executeScript("PRAGMA synchronous = FULL");
        return gateSqliteTransactions(adapter);
      },
      connectToShadowDb: () => base.connectToShadowDb(),
    };
    return { factory, close: async () => void (await Promise.all(opened.map((adapter) => adapter.dispose()))) };
  }
  // Parsed into fields rather than passed as connectionString: the adapter derives its shadow
  // database config by overriding `database`, which a connectionString would silently win over.
  const pool = new pg.Pool({ ...parsePgConnectionString(target.url), ...PG_POOL } as pg.PoolConfig);
  // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return { factory: new PrismaPg(pool), close: () => pool.end() };
}
