import fs from "node:fs";
import { ConfigError } from "../lib/db/url";
import { ApiError } from "../lib/errors";
import { FfmpegInterruptedError, FfmpegMissingError } from "../lib/media/ffmpeg-tools";

/** The settings file every CLI (npm start included) reads; variables already set win over it. */
const DOT_ENV = ".env";

/**
 * Runs a CLI's main function after loading `.env` from the working folder when there is one
 * (Node's own parser, process.loadEnvFile): expected problems (configuration, usage, a request the domain
 * refuses) print one line and exit 1; anything else prints its stack, since that is a bug to report.
 */
export function runCli(main: () => Promise<void>): void {
  if (fs.existsSync(DOT_ENV)) process.loadEnvFile(DOT_ENV);
  main().then(
    () => process.exit(typeof process.exitCode === "number" ? process.exitCode : 0),
    (error: unknown) => {
      const expected =
        error instanceof ConfigError ||
        error instanceof ApiError ||
        error instanceof FfmpegMissingError ||
        error instanceof FfmpegInterruptedError ||
        (error instanceof Error && error.message.startsWith("usage:"));
      console.error(expected ? `error: ${error.message}` : error);
      process.exit(1);
    },
  );
}
