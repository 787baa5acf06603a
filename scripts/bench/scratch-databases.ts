import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Runs a benchmark on a throwaway SQLite file, then on a throwaway PostgreSQL database when a
 * server answers (TEST_POSTGRES_URL, default the local one); both are deleted afterwards.
 */
export async function onScratchDatabases(
  run: (engine: "sqlite" | "postgresql", databaseUrl: string, workDir: string) => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-bench-"));
  try {
    await run("sqlite", `file:${path.join(dir, "bench.db")}`, dir);
    if (process.env.BENCH_POSTGRES === "0") return;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
    try {
      await admin.connect();
    } catch {
      console.log(`postgresql: not reachable at ${POSTGRES_ADMIN_URL}, skipped`);
      return;
    }
    const name = `clip_arena_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      await run("postgresql", url.toString(), dir);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
