import { getMediaStore } from "../arena/arena-context";
import { getDb } from "../db";
import { getEnv } from "../env";
import { getSessionSecret } from "../session-secret";
import type { AdminContext } from "./admin-api";

let context: AdminContext | undefined;

/** The operator endpoints' process-wide context. */
export function getAdminContext(): AdminContext {
  context ??= {
    db: getDb(),
    secret: getSessionSecret(),
    store: getMediaStore(),
    maxUploadBytes: getEnv().MAX_UPLOAD_MB * 1024 * 1024,
    importDir: getEnv().IMPORT_DIR,
    releases: { dir: getEnv().DATASET_DIR, bootstrap: getEnv().BT_BOOTSTRAP_ROUNDS },
  };
  return context;
}
