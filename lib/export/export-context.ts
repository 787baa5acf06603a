import { getDb } from "../db";
import { getEnv } from "../env";
import { createRateLimiter } from "../http/rate-limit";
import { getSessionSecret } from "../session-secret";
import type { ExportContext } from "./export-api";

let context: ExportContext | undefined;

/** The export endpoint's process-wide context. */
export function getExportContext(): ExportContext {
  const env = getEnv();
  context ??= {
    db: getDb(),
    secret: getSessionSecret(),
    limiter: createRateLimiter("export", { points: env.RATE_LIMIT_EXPORTS_PER_MINUTE, durationS: 60 }, env.REDIS_URL),
    keyRequiredAboveRows: env.EXPORT_KEY_REQUIRED_ABOVE_ROWS,
  };
  return context;
}
