import fs from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "./url";

export type Engine = DatabaseTarget["engine"];
export const ENGINES: readonly Engine[] = ["sqlite", "postgresql"];

const PRISMA_DIR = path.resolve("prisma");
const SOURCE_SCHEMA = path.join(PRISMA_DIR, "schema.prisma");

/** The schema file Prisma uses for an engine: the source for SQLite, a derived copy for PostgreSQL. */
export function schemaPath(engine: Engine): string {
  return engine === "sqlite" ? SOURCE_SCHEMA : path.join(PRISMA_DIR, "postgresql", "schema.prisma");
}

/** Folder of committed migrations for an engine (each has its own SQL dialect). */
export function migrationsDir(engine: Engine): string {
  return path.join(PRISMA_DIR, "migrations", engine);
}

/**
 * The schema text for an engine. The PostgreSQL copy differs from the source in two lines only:
 * the datasource provider and the generated client's output folder. `source` defaults to the
 * current source schema.
 */
export function schemaText(engine: Engine, source = fs.readFileSync(SOURCE_SCHEMA, "utf8")): string {
  if (engine === "sqlite") return source;
  return source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgresql"');
}

/** The source schema as of the newest migration; `npm run db:diff` compares against it. */
export const SCHEMA_SNAPSHOT = path.join(PRISMA_DIR, "migrations", "schema.snapshot.prisma");
