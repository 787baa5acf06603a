import type { MediaStore } from "../storage/media-store";
import {
  type Mp4Index,
  type UnlinkedLayout,
  type UnsupportedLayout,
  MAX_MOOV_BYTES,
  headBytesNeeded,
  indexMp4,
  planUnlinkedLayout,
} from "./mp4-unlink";

/** Files indexed per store (a few KB each: the parsed `moov` and a sample table). */
const MAX_INDEXES = 512;
/** Per-URL layouts kept (a rewritten `moov` and four numbers per sample each). */
const MAX_LAYOUTS = 2048;
const FIRST_READ_BYTES = 64 * 1024;

/** A Map used as a least-recently-used cache of at most `limit` entries. */
function remember<V>(cache: Map<string, V>, key: string, limit: number, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = make();
  cache.set(key, value);
  if (cache.size > limit) cache.delete(cache.keys().next().value as string);
  return value;
}

async function readHead(store: MediaStore, key: string, bytes: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = (await store.openRange(key, 0, bytes - 1)).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parts.push(chunk.value);
  return Buffer.concat(parts);
}

async function indexStoredFile(store: MediaStore, key: string, size: number): Promise<Mp4Index | UnsupportedLayout> {
  let head = await readHead(store, key, Math.min(size, FIRST_READ_BYTES));
  let needed = headBytesNeeded(head, size);
  // A moov larger than the first read: read twice as much until the mdat header is in (a moov
  // over MAX_MOOV_BYTES is reported unsupported as soon as its header is seen).
  while (needed === null && head.length < size && head.length <= MAX_MOOV_BYTES) {
    head = await readHead(store, key, Math.min(size, 2 * head.length));
    needed = headBytesNeeded(head, size);
  }
  if (typeof needed === "number" && needed > head.length) head = await readHead(store, key, needed);
  const index = indexMp4(head, size);
  if ("unsupported" in index) unsupportedFiles.set(key, index.unsupported);
  return index;
}

/** Stored files served padded only because the rewriter does not handle their layout, with the reason. */
export const unsupportedFiles = new Map<string, string>();

/**
 * Per-URL layouts of stored MP4 files (see mp4-unlink.ts), computed on first use and kept in two
 * bounded LRU caches: one index per stored file, one layout per (file, URL key). Storage keys
 * name immutable files (a new file gets a new key), so entries never go stale.
 */
export class UnlinkedLayouts {
  private readonly indexes = new Map<string, Promise<Mp4Index | UnsupportedLayout>>();
  private readonly layouts = new Map<string, Promise<UnlinkedLayout | null>>();

  /** The layout of `storageKey` (of `size` bytes) for the URL key, or null for an unsupported layout. */
  layoutFor(store: MediaStore, storageKey: string, size: number, urlKey: Buffer): Promise<UnlinkedLayout | null> {
    const key = `${storageKey}\0${urlKey.toString("hex")}`;
    const layout = remember(this.layouts, key, MAX_LAYOUTS, async () => {
      const index = remember(this.indexes, storageKey, MAX_INDEXES, () => indexStoredFile(store, storageKey, size));
      // A failed read (storage down) is not remembered: the next request tries again.
      index.catch(() => this.indexes.delete(storageKey));
      const indexed = await index;
      return "unsupported" in indexed ? null : planUnlinkedLayout(indexed, urlKey);
    });
    layout.catch(() => this.layouts.delete(key));
    return layout;
  }
}

const perStore = new WeakMap<MediaStore, UnlinkedLayouts>();

/** The layout caches of one media store (one per store: keys are only unique within a store). */
export function unlinkedLayoutsOf(store: MediaStore): UnlinkedLayouts {
  let layouts = perStore.get(store);
  if (!layouts) perStore.set(store, (layouts = new UnlinkedLayouts()));
  return layouts;
}
