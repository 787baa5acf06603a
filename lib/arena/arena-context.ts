import { getDb } from "../db";
import { getEnv } from "../env";
import { getSessionSecret } from "../session-secret";
import { LocalMediaStore } from "../storage/local-media";
import { type ArenaContext, createArenaLimiters } from "./arena-api";

let context: ArenaContext | undefined;
let mediaStore: LocalMediaStore | undefined;

/** The arena's process-wide context: database, secret, limiters and Math.random for sampling. */
export function getArenaContext(): ArenaContext {
  context ??= { db: getDb(), secret: getSessionSecret(), random: Math.random, limiters: createArenaLimiters() };
  return context;
}

/** The media store at MEDIA_DIR. */
export function getMediaStore(): LocalMediaStore {
  mediaStore ??= new LocalMediaStore(getEnv().MEDIA_DIR);
  return mediaStore;
}
