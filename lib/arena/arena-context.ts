import { getDb } from "../db";
import { getEnv } from "../env";
import { processShared } from "../process-shared";
import { getSessionSecret } from "../session-secret";
import { createMediaStore, type MediaStore } from "../storage/media-store";
import { type ArenaContext, createArenaLimiters } from "./arena-api";
import { ServedBattles } from "./served-battles";
import { VoteWriter } from "./vote-writer";

/**
 * The arena's process-wide context: database, the battles awaiting a vote, the vote writer, secret,
 * limiters and Math.random for sampling.
 */
export function getArenaContext(): ArenaContext {
  return processShared("arena-context", () => {
    const db = getDb();
    return {
      db,
      served: new ServedBattles(),
      votes: new VoteWriter(db),
      secret: getSessionSecret(),
      random: Math.random,
      limiters: createArenaLimiters(),
    };
  });
}

/** The configured media store (local disk or S3). */
export function getMediaStore(): MediaStore {
  return processShared("media-store", () => createMediaStore(getEnv()));
}
