import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { cacheStatements } from "../../../lib/db/sqlite-statement-cache";

/** The calls Prisma's better-sqlite3 adapter makes: prepare(sql).bind(args), then run or raw().all(). */
interface Prepared {
  reader: boolean;
  bind(args: unknown[]): Prepared;
  run(): { changes: number };
  columns(): { name: string }[];
  raw(): { all(): unknown[] };
}
const prepare = (db: Database.Database, sql: string) => (db.prepare as unknown as (sql: string) => Prepared)(sql);

describe("cacheStatements (compiled statements reused by SQL text)", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "statement-cache-"));
    dirs.push(dir);
    const db = new Database(path.join(dir, "test.db"));
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    return db;
  };

  it("binds fresh arguments on every use of a cached statement and returns the same rows", () => {
    const db = open();
    const reused = cacheStatements(db);
    for (const [id, name] of [
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ] as const)
      expect(prepare(db, "INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run().changes).toBe(1);
    const select = (id: number) => prepare(db, "SELECT id, name FROM t WHERE id = ?").bind([id]);
    expect(select(2).reader).toBe(true);
    expect(
      select(2)
        .columns()
        .map((c) => c.name),
    ).toEqual(["id", "name"]);
    expect(select(2).raw().all()).toEqual([[2, "b"]]);
    expect(select(3).raw().all()).toEqual([[3, "c"]]);
    expect(prepare(db, "SELECT count(*) FROM t").raw().all()).toEqual([[3]]);
    // Two inserts and three selects of texts already compiled.
    expect(reused()).toBe(5);
  });

  it("keeps at most `size` statements, least recently used out first", () => {
    const db = open();
    const reused = cacheStatements(db, 2);
    const run = (sql: string) => prepare(db, sql).raw().all();
    run("SELECT 1");
    run("SELECT 2");
    run("SELECT 1");
    run("SELECT 3"); // evicts SELECT 2
    run("SELECT 1");
    expect(reused()).toBe(2);
    run("SELECT 2");
    expect(reused()).toBe(2);
  });

  it("still runs a cached statement after the schema changed", () => {
    const db = open();
    cacheStatements(db);
    expect(prepare(db, "SELECT * FROM t").columns()).toHaveLength(2);
    db.exec("ALTER TABLE t ADD COLUMN extra TEXT");
    expect(prepare(db, "SELECT * FROM t").bind([]).raw().all()).toEqual([]);
    expect(prepare(db, "SELECT * FROM t").columns()).toHaveLength(3);
  });
});
