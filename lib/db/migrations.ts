import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { createAdapter, SQLITE_MIGRATION_BUSY_TIMEOUT_MS } from "./adapter";
import { readAppliedMigrationNames } from "./applied-migrations";
import { openSchemaEngine } from "./schema-engine";
import { type Engine, migrationsDir, schemaPath, schemaText } from "./schema-files";
import { ConfigError, type DatabaseTarget, parseDatabaseUrl } from "./url";

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const LOCKFILE = "migration_lock.toml";

/** Reads an engine's committed migrations in the shape the schema engine expects. */
export function listMigrations(engine: Engine): MigrationList {
  const baseDir = migrationsDir(engine);
  const lockPath = path.join(baseDir, LOCKFILE);
  const names = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok", value: fs.readFileSync(file, "utf8") }
            : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * Runs `work` with a schema engine over the target, then frees it and closes its connections
 * (on PostgreSQL the engine holds an advisory lock until its connection ends).
 */
async function withSchemaEngine<T>(target: DatabaseTarget, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const handle = createAdapter(target, SQLITE_MIGRATION_BUSY_TIMEOUT_MS);
  const schema = { path: schemaPath(target.engine), content: schemaText(target.engine) };
  const engine = await openSchemaEngine(schema, handle.factory);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await handle.close();
  }
}

/**
 * Applies the pending migrations to a database and returns their names. Records them in
 * `_prisma_migrations`, the table `prisma migrate deploy` keeps, so the official CLI stays usable.
 * Throws a ConfigError when the database has migrations this checkout does not know.
 */
export async function applyPendingMigrations(target: DatabaseTarget): Promise<string[]> {
  const migrationsList = listMigrations(target.engine);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new ConfigError(`no migrations found in ${migrationsList.baseDir}`);
  }
  const known = new Set(migrationsList.migrationDirectories.map((dir) => dir.path));
  const unknown = (await readAppliedMigrationNames(target)).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(`the database has migrations missing from ${migrationsList.baseDir}: ${unknown.join(", ")}`);
  }
  return withSchemaEngine(target, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes the schema `fromSchema` (the source schema as of the last migration) to the
 * current one for an engine, or "" when nothing changed. Compares two datamodels, so no database
 * is read; the engine still opens a connection for its dialect (for PostgreSQL a reachable
 * server: DIFF_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
export async function diffSchemas(engine: Engine, fromSchema: string): Promise<string> {
  const target = parseDatabaseUrl(
    engine === "sqlite"
      ? `file:${path.join(os.tmpdir(), "clip-arena-diff.db")}`
      : (process.env.DIFF_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"),
  );
  const current = { path: schemaPath(engine), content: schemaText(engine) };
  return withSchemaEngine(target, async (schemaEngine) => {
    const result = await schemaEngine.diff({
      from: fromSchema
        ? { tag: "schemaDatamodel", files: [{ path: current.path, content: schemaText(engine, fromSchema) }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [current] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? "";
    const statements = sql.split("\n").filter((line) => line.trim() && !line.trim().startsWith("--"));
    return statements.length > 0 ? sql : "";
  });
}
