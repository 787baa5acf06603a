import type { Tx } from "../audit";

/**
 * Makes room for a new clip of a (prompt, model): earlier live clips that were never in a battle
 * are deleted (nothing refers to them), the others are retired so their votes keep their
 * history. Returns the storage keys (originals and renditions) of deleted clips: once the
 * transaction commits, removeUnusedMedia removes those no other clip shares.
 */
export async function supersedeClips(
  tx: Tx,
  promptId: string,
  modelId: string,
  now: Date,
): Promise<{ superseded: number; removedKeys: string[] }> {
  const earlier = await tx.clip.findMany({
    where: { promptId, modelId, retiredAt: null },
    select: {
      id: true,
      storageKey: true,
      renditionKey: true,
      soundRenditionKey: true,
      checkTwins: { select: { id: true, renditionKey: true, soundRenditionKey: true } },
      _count: { select: { leftIn: true, rightIn: true } },
    },
  });
  const removedKeys: string[] = [];
  for (const old of earlier) {
    if (old._count.leftIn + old._count.rightIn === 0) {
      // Its check twins were never in a battle either (a check battle's clips are the clip itself).
      await tx.checkTwin.deleteMany({ where: { clipId: old.id } });
      await tx.clip.delete({ where: { id: old.id } });
      const twinKeys = old.checkTwins.flatMap((twin) => [twin.renditionKey, twin.soundRenditionKey]);
      removedKeys.push(
        ...[old.storageKey, old.renditionKey, old.soundRenditionKey, ...twinKeys].filter((k) => k !== null),
      );
    } else {
      await tx.clip.update({ where: { id: old.id }, data: { retiredAt: now } });
    }
  }
  return { superseded: earlier.length, removedKeys };
}
