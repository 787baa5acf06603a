import fs from "node:fs";
import { createAdapter, SQLITE_MIGRATION_BUSY_TIMEOUT_MS } from "./adapter";
import { migrationsDir } from "./schema-files";
import { type DatabaseTarget, parseDatabaseUrl } from "./url";

/** Names recorded in `_prisma_migrations`; none for a database that has never been migrated. */
export async function readAppliedMigrationNames(target: DatabaseTarget): Promise<string[]> {
  const handle = createAdapter(target, SQLITE_MIGRATION_BUSY_TIMEOUT_MS);
  const adapter = await handle.factory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    return result.rows.map((row) => String(row[0]));
  } catch {
    return []; // no migrations table yet
  } finally {
    await adapter.dispose();
    await handle.close();
  }
}

/**
 * The committed migrations of the target's engine that the database has not applied, oldest
 * first. Reads the folder names and `_prisma_migrations` only, so it needs no schema engine (and
 * can run inside the Next.js server, e.g. at start-up of `npm run dev`).
 */
export async function findPendingMigrations(target: DatabaseTarget): Promise<string[]> {
  const dir = migrationsDir(target.engine);
  const committed = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const applied = new Set(await readAppliedMigrationNames(target));
  return committed.filter((name) => !applied.has(name));
}

/**
 * One line saying what to run when the database at `databaseUrl` is not ready to serve (a SQLite
 * file that does not exist, a database that cannot be opened or lacks migrations), or null when it
 * is up to date. Never creates a SQLite file. Throws ConfigError for a malformed DATABASE_URL.
 */
export async function explainPendingMigrations(databaseUrl: string | undefined): Promise<string | null> {
  const target = parseDatabaseUrl(databaseUrl);
  // Opening a SQLite file that is not there would create it, leaving an empty database behind.
  if (target.engine === "sqlite" && !fs.existsSync(target.file))
    return `there is no database at ${target.file} (DATABASE_URL): run \`npm run db:migrate\` (and \`npm run db:seed\` for the demo)`;
  const pending = await findPendingMigrations(target).catch(() => null);
  if (pending === null) return "cannot open the database at DATABASE_URL: check it, then run `npm run db:migrate`";
  if (pending.length === 0) return null;
  return `the database at DATABASE_URL lacks ${pending.length} migration(s) (${pending.at(-1)}): run \`npm run db:migrate\` (and \`npm run db:seed\` for the demo)`;
}
