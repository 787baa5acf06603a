import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";
import { createRelease, type ReleaseManifest } from "../export/release";
import { recordAudit } from "../audit";

/** The seed every release's bootstrap uses, as `npm run dataset:release` does. */
const RELEASE_SEED = 42;

/**
 * Freezes the next dataset release for an operator (the CLI's job, from /admin) and audits it.
 * The database lease inside createRelease lets one freeze run at a time across every instance and
 * within this one: a second click while one runs is a 409 release_in_progress.
 */
export async function freezeRelease(
  db: Db,
  store: MediaStore,
  actorId: string,
  settings: { bootstrap: number; checkRule?: { threshold: number; minChecks: number } },
): Promise<ReleaseManifest> {
  const manifest = await createRelease(db, store, {
    bootstrap: settings.bootstrap,
    seed: RELEASE_SEED,
    checkRule: settings.checkRule,
  });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId,
      action: "release.create",
      targetType: "release",
      targetId: `v${manifest.release}`,
      reason: `${manifest.rows.total} votes, ${manifest.rows.counted} counted`,
    }),
  );
  return manifest;
}
