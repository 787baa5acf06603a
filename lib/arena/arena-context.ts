import { getDb } from "../db";
import { getEnv } from "../env";
import { getSessionSecret } from "../session-secret";
import { createMediaStore, type MediaStore } from "../storage/media-store";
import { type ArenaContext, createArenaLimiters } from "./arena-api";

let context: ArenaContext | undefined;
let mediaStore: MediaStore | undefined;

/** The arena's process-wide context: database, secret, limiters and Math.random for sampling. */
export function getArenaContext(): ArenaContext {
  context ??= { db: getDb(), secret: getSessionSecret(), random: Math.random, limiters: createArenaLimiters() };
  return context;
}

/** The configured media store (local disk or S3). */
export function getMediaStore(): MediaStore {
  mediaStore ??= createMediaStore(getEnv());
  return mediaStore;
}
