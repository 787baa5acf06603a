import type { Db } from "../db/client";
import { createRelease, type ReleaseManifest } from "../export/release";
import { processShared } from "../process-shared";
import { recordAudit } from "../audit";

/** The seed every release's bootstrap uses, as `npm run dataset:release` does. */
const RELEASE_SEED = 42;

// One release at a time in this process: two clicks must not both claim the next number.
const queue = processShared("release-queue", () => ({ tail: Promise.resolve() as Promise<unknown> }));

/** Freezes the next dataset release for an operator (the CLI's job, from /admin) and audits it. */
export function freezeRelease(
  db: Db,
  actorId: string,
  settings: { dir: string; bootstrap: number },
): Promise<ReleaseManifest> {
  const run = queue.tail.then(async () => {
    const manifest = await createRelease(db, settings.dir, { bootstrap: settings.bootstrap, seed: RELEASE_SEED });
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
  });
  queue.tail = run.catch(() => undefined);
  return run;
}
