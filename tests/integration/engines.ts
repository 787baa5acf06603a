import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/prepare";
import type { Engine } from "@/lib/db/schema-files";

/** Server used to create and drop throwaway PostgreSQL databases. */
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** On CI a PostgreSQL test that cannot connect fails; elsewhere it is skipped with a notice. */
const POSTGRES_REQUIRED = process.env.CI === "true" || process.env.REQUIRE_POSTGRES === "1";

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresReachable = await isPostgresReachable();
if (!postgresReachable && !POSTGRES_REQUIRED) {
  console.warn(
    `PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}: skipping the PostgreSQL runs of the integration suite`,
  );
}

/** The engines the integration suite runs on here: SQLite always, PostgreSQL when reachable or required. */
export const testEngines: Engine[] = postgresReachable || POSTGRES_REQUIRED ? ["sqlite", "postgresql"] : ["sqlite"];

export interface TestDatabase {
  engine: Engine;
  url: string;
  db: Db;
  drop: () => Promise<void>;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** An empty database of the engine, named at random, with the migrations applied. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  // TEST_DATABASE_TAG names whose run made a database (engineers sharing one server use their branch).
  const tag = process.env.TEST_DATABASE_TAG?.replace(/[^a-z0-9]/g, "") ?? "";
  const name = `clip_arena_test_${tag ? `${tag}_` : ""}${randomBytes(6).toString("hex")}`;
  let url: string;
  let cleanup: () => Promise<void>;
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-"));
    url = `file:${path.join(dir, `${name}.db`)}`;
    cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  } else {
    await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    const admin = new URL(POSTGRES_ADMIN_URL);
    admin.pathname = `/${name}`;
    url = admin.toString();
    cleanup = () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  }
  await migrateDatabase(url, () => {});
  const db = createDb(url);
  return {
    engine,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await cleanup();
    },
  };
}
