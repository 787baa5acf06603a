import type Database from "better-sqlite3";

/**
 * Distinct SQL texts that keep a compiled statement. The app's queries are a few dozen texts,
 * but every length of an `IN (?, ?, …)` list is a text of its own, so the cache is bounded.
 */
export const STATEMENT_CACHE_SIZE = 256;

/** What Prisma's better-sqlite3 adapter (7.x) uses of `prepare(sql)`'s result. */
interface AdapterStatement {
  readonly reader: boolean;
  bind(args: unknown[]): AdapterStatement;
  run(): Database.RunResult;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

/**
 * Makes a better-sqlite3 connection reuse compiled statements, keyed by SQL text, least recently
 * used first out. Prisma's adapter calls `client.prepare(sql).bind(args)` for every query, so
 * SQLite parsed and planned the same SQL on every call: about a third of the database time of a
 * battle (`npm run bench:request-path`). better-sqlite3 binds parameters to a statement for good
 * (`bind` works once per statement), so a cached statement is handed out as a view that passes the
 * arguments on each run instead. Statements run synchronously to the end, so one statement
 * object is never in use twice at once; SQLite re-prepares a cached statement itself after a
 * schema change. Returns the number of prepares the cache saved so far, for tests.
 */
export function cacheStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): () => number {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  let reused = 0;
  const view = (statement: Database.Statement, args: unknown[] = []): AdapterStatement => ({
    reader: statement.reader,
    bind: (bound) => view(statement, bound),
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  const cached = (sql: string): AdapterStatement => {
    let statement = cache.get(sql);
    if (statement) {
      reused += 1;
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return view(statement);
  };
  (client as unknown as { prepare: (sql: string) => AdapterStatement }).prepare = cached;
  return () => reused;
}
