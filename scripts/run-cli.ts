import fs from "node:fs";
import { isMainThread } from "node:worker_threads";
import { ConfigError } from "../lib/db/url";
import { ApiError, DomainError } from "../lib/errors";
import { FfmpegInterruptedError, FfmpegMissingError } from "../lib/media/ffmpeg-tools";

/** The settings file every CLI (npm start included) reads; variables already set win over it. */
const DOT_ENV = ".env";

/**
 * Runs a CLI's main function after loading `.env` from the working folder when there is one
 * (Node's own parser, process.loadEnvFile): expected problems (configuration, usage, a request the domain
 * refuses) print one line and exit 1; anything else prints its stack, since that is a bug to report.
 * With `migratedDatabase`, a database at DATABASE_URL that is missing or lacks migrations is such
 * a problem, said before `main` runs (so no SQLite file is created and no query fails mid-way).
 * Off the main thread it does nothing: a worker thread started from a bundled CLI's own file
 * (lib/ratings/io/jsonl-halves.ts) loads the whole bundle to run its one job, not the CLI.
 */
export function runCli(main: () => Promise<void>, options: { migratedDatabase?: boolean } = {}): void {
  if (!isMainThread) return;
  if (fs.existsSync(DOT_ENV)) process.loadEnvFile(DOT_ENV);
  const ready = options.migratedDatabase ? requireMigratedDatabase() : Promise.resolve();
  ready.then(main).then(
    () => process.exit(typeof process.exitCode === "number" ? process.exitCode : 0),
    (error: unknown) => {
      const expected =
        error instanceof ConfigError ||
        error instanceof ApiError ||
        error instanceof DomainError ||
        error instanceof FfmpegMissingError ||
        error instanceof FfmpegInterruptedError ||
        (error instanceof Error && error.message.startsWith("usage:"));
      console.error(expected ? `error: ${error.message}` : error);
      process.exit(1);
    },
  );
}

/** Throws a ConfigError (one line: what to run) unless DATABASE_URL's database is fully migrated. */
async function requireMigratedDatabase(): Promise<void> {
  // Loaded here: the database drivers are most of a CLI's start-up, and not every CLI needs them.
  const [{ explainPendingMigrations }, { parseEnv }] = await Promise.all([
    import("../lib/db/applied-migrations"),
    import("../lib/env"),
  ]);
  const problem = await explainPendingMigrations(parseEnv().DATABASE_URL);
  if (problem) throw new ConfigError(problem);
}
