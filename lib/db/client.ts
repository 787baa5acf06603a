import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { createAdapter } from "./adapter";
import { parseDatabaseUrl } from "./url";

/**
 * The Prisma client type the app codes against. Both engines' clients are generated from the same
 * schema, so their APIs are identical; the SQLite one names the type.
 */
export type Db = SqliteClient;

/**
 * How long an interactive transaction may run before Prisma expires it. Prisma's 5 s default
 * failed the demo seed on a loaded 2-core machine (5.3 s on PostgreSQL at load ~45); a transaction
 * is bounded by its own work, so this only has to outlast a slow machine. Waiting to start one
 * (maxWait) keeps Prisma's default, so an unreachable database still answers 503 quickly.
 */
const TRANSACTION_TIMEOUT_MS = 120_000;

/** Opens a client for DATABASE_URL's engine through its driver adapter. */
export function createDb(databaseUrl: string | undefined): Db {
  const target = parseDatabaseUrl(databaseUrl);
  const adapter = createAdapter(target).factory;
  const transactionOptions = { timeout: TRANSACTION_TIMEOUT_MS };
  const db =
    target.engine === "sqlite"
      ? new SqliteClient({ adapter, transactionOptions })
      : (new PostgresClient({ adapter, transactionOptions }) as unknown as Db);
  Object.defineProperty(db, DATABASE_URL_KEY, { value: databaseUrl ?? "" });
  return db;
}

/**
 * Where a client keeps the URL it was opened with. A key from the process-wide symbol registry,
 * not a module-local WeakMap: `npm start` loads this module twice (serve.ts's bundle and Next.js's),
 * and a client made by one copy is handed to code of the other.
 */
const DATABASE_URL_KEY = Symbol.for("clip-arena.databaseUrl");

/**
 * The DATABASE_URL a client was opened with (createDb), so work handed to a worker thread opens
 * the same database. Throws for a client createDb did not make.
 */
export function databaseUrlOf(db: Db): string {
  const url = (db as unknown as Record<symbol, string | undefined>)[DATABASE_URL_KEY];
  if (url === undefined) throw new Error("databaseUrlOf: this client was not opened by createDb");
  return url;
}
