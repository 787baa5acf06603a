import os from "node:os";

/**
 * ffmpeg jobs an import runs at once: one per core, at most 4. The real set's clips are small
 * (240 px to 720p, 1–8 s), so one decode or encode rarely keeps more than one core busy.
 */
export const FFMPEG_JOBS = Math.min(4, os.availableParallelism());

/**
 * Runs `task` on every item, at most `limit` at once, and resolves with the results in the items'
 * order. After the first rejection no further task starts; it rejects with that error once the
 * running tasks have settled, so a caller's clean-up sees everything they did.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failures.length > 0) throw failures[0];
  return results;
}
