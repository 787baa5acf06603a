import type { Db } from "../db/client";
import type { MediaStore } from "../storage/media-store";

/**
 * Removes those of `keys` that no clip (live, retired or hidden) and no prompt refers to any more,
 * as its original, a rendition or a start image. Several clips may share one stored file (the same
 * bytes imported for two prompts), so a file goes only with its last user. Call after the
 * transaction that dropped the references has committed. Returns the keys removed.
 */
export async function removeUnusedMedia(db: Db, store: MediaStore, keys: readonly (string | null)[]): Promise<string[]> {
  const candidates = [...new Set(keys.filter((key): key is string => key !== null))];
  if (candidates.length === 0) return [];
  const [clips, prompts] = await Promise.all([
    db.clip.findMany({
      where: {
        OR: [
          { storageKey: { in: candidates } },
          { renditionKey: { in: candidates } },
          { soundRenditionKey: { in: candidates } },
        ],
      },
      select: { storageKey: true, renditionKey: true, soundRenditionKey: true },
    }),
    db.prompt.findMany({ where: { imageKey: { in: candidates } }, select: { imageKey: true } }),
  ]);
  const used = new Set([
    ...clips.flatMap((c) => [c.storageKey, c.renditionKey, c.soundRenditionKey]),
    ...prompts.map((p) => p.imageKey),
  ]);
  const unused = candidates.filter((key) => !used.has(key));
  await Promise.all(unused.map((key) => store.remove(key)));
  return unused;
}
