import path from "node:path";

/** Where the data lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseTarget = { engine: "sqlite"; file: string; url: string } | { engine: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/clip-arena.db";

/** A configuration problem worth one clear line at start-up, not a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads DATABASE_URL: `file:<path>` (relative to the working directory) selects SQLite,
 * `postgres://` or `postgresql://` selects PostgreSQL. Anything else is a ConfigError.
 */
export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const url = raw?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new ConfigError(`DATABASE_URL "${url}" names no file (expected file:./data/clip-arena.db)`);
    return { engine: "sqlite", file: path.resolve(file), url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError("DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user@host:5432/db)");
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError("DATABASE_URL must name a host and a database (postgres://user@host:5432/db)");
    }
    return { engine: "postgresql", url };
  }
  throw new ConfigError(
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}
