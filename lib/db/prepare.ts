import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyPendingMigrations } from "./migrations";
import { type DatabaseTarget, parseDatabaseUrl } from "./url";

/**
 * Brings a database to the current schema and reports what it did. SQLite files are switched to
 * WAL (persistent in the file), so readers never block the writer.
 */
export async function migrateDatabase(databaseUrl: string | undefined, log = console.log): Promise<DatabaseTarget> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.engine === "sqlite") enableWal(target.file);
  const applied = await applyPendingMigrations(target);
  log(applied.length > 0 ? `applied migrations: ${applied.join(", ")}` : "database is up to date");
  return target;
}

function enableWal(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
