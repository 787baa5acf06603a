import { getDb } from "../db";
import { getEnv } from "../env";
import { processShared } from "../process-shared";
import { getSessionSecret } from "../session-secret";
import { createMediaStore, type MediaStore } from "../storage/media-store";
import { type ArenaContext, createArenaLimiters } from "./arena-api";
import { createArenaStore } from "./arena-store";

/** The arena's process-wide context: its store, secret, limiters and Math.random for sampling. */
export function getArenaContext(): ArenaContext {
  return processShared("arena-context", () => ({
    ...createArenaStore(getDb()),
    secret: getSessionSecret(),
    random: Math.random,
    limiters: createArenaLimiters(),
  }));
}

/** The configured media store (local disk or S3). */
export function getMediaStore(): MediaStore {
  return processShared("media-store", () => createMediaStore(getEnv()));
}
