import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { createAdapter } from "./adapter";
import { parseDatabaseUrl } from "./url";

/**
 * The Prisma client type the app codes against. Both engines' clients are generated from the same
 * schema, so their APIs are identical; the SQLite one names the type.
 */
export type Db = SqliteClient;

/** Opens a client for DATABASE_URL's engine through its driver adapter. */
export function createDb(databaseUrl: string | undefined): Db {
  const target = parseDatabaseUrl(databaseUrl);
  const adapter = createAdapter(target).factory;
  return target.engine === "sqlite"
    ? new SqliteClient({ adapter })
    : (new PostgresClient({ adapter }) as unknown as Db);
}
