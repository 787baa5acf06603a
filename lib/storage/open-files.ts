import fs from "node:fs";

/** An open read-only file and its size, shared by the reads that use it at the same time. */
export interface OpenFile {
  handle: fs.promises.FileHandle;
  size: number;
}

interface Entry {
  file: Promise<OpenFile>;
  users: number;
  evicted: boolean;
}

/**
 * A bounded LRU of open files, so serving a Range costs its reads and nothing else: the open,
 * fstat and close a request made before were three trips through libuv's thread pool, each a
 * thread hand-off that cost more CPU than reading 512 KiB (`npm run bench:media`). Valid because
 * a stored file never changes under its path (a new file gets a new key); `forget` drops a path
 * this store removes (a removal by another process shows once the entry is evicted, and the
 * database no longer names such a file anyway). A file evicted while in use is closed when its last user releases it.
 */
export class OpenFiles {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limit: number) {}

  /** The open file at `path` (rejects like fs.open, e.g. ENOENT); call the returned release once done. */
  async acquire(path: string): Promise<{ file: OpenFile; release: () => void }> {
    let entry = this.entries.get(path);
    if (entry) this.entries.delete(path);
    else entry = { file: openFile(path), users: 0, evicted: false };
    this.entries.set(path, entry);
    const current = entry;
    current.users += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.evicted && current.users === 0) closeEntry(current);
    };
    try {
      const file = await current.file;
      this.trim();
      return { file, release };
    } catch (error) {
      // A failed open is not remembered: the next request tries again.
      if (this.entries.get(path) === current) this.entries.delete(path);
      release();
      throw error;
    }
  }

  /** Drops `path` (a removed file): closed now, or when its last user releases it. */
  forget(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    evict(entry);
  }

  private trim(): void {
    for (const [path, entry] of this.entries) {
      if (this.entries.size <= this.limit) return;
      this.entries.delete(path);
      evict(entry);
    }
  }
}

async function openFile(path: string): Promise<OpenFile> {
  const handle = await fs.promises.open(path, "r");
  try {
    return { handle, size: (await handle.stat()).size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function evict(entry: Entry): void {
  entry.evicted = true;
  if (entry.users === 0) closeEntry(entry);
}

function closeEntry(entry: Entry): void {
  void entry.file.then(
    (file) => file.handle.close().catch(() => undefined),
    () => undefined,
  );
}
