import fs from "node:fs";
import path from "node:path";
import { type ByteSource, streamFromSource } from "./byte-source";
import { OpenFiles } from "./open-files";
import { type MediaFolder, type MediaStore, newMediaKey } from "./media-store";

/** Stored files kept open at most, per store. */
const MAX_OPEN_FILES = 256;

/**
 * Media files on local disk under one root folder. Every lookup is checked to stay inside the
 * root, so even a corrupted key cannot reach another file.
 */
export class LocalMediaStore implements MediaStore {
  readonly root: string;
  /** Files kept open between requests (a player's Range requests reuse one). */
  private readonly files = new OpenFiles(MAX_OPEN_FILES);

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Absolute path of a key; throws when a key would escape the root. */
  pathOf(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(this.root + path.sep)) throw new Error(`media key outside the store: ${key}`);
    return full;
  }

  async putFile(source: string, folder: MediaFolder, extension: string): Promise<string> {
    const key = newMediaKey(folder, extension);
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Copy under a temporary name, then rename: a crash never leaves a half file under a real key.
    await fs.promises.copyFile(source, `${target}.part`);
    await fs.promises.rename(`${target}.part`, target);
    return key;
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      const { file, release } = await this.files.acquire(this.pathOf(key));
      release();
      return file.size;
    } catch {
      return null;
    }
  }

  /**
   * Positioned reads straight into the caller's buffers (pread(2) on a file kept open, see
   * OpenFiles): no Node stream and no Web stream between the disk and the socket, whose per-chunk
   * work was most of the CPU a served megabyte cost (`npm run bench:media`).
   */
  async openSource(key: string, start: number, end: number): Promise<ByteSource> {
    const { file, release } = await this.files.acquire(this.pathOf(key));
    let position = start;
    return {
      length: end - start + 1,
      async read(target) {
        const length = Math.min(target.length, end + 1 - position);
        if (length <= 0) return 0;
        const { bytesRead } = await file.handle.read(target, 0, length, position);
        if (bytesRead === 0) throw new Error(`media file ended at byte ${position}, before ${end + 1}: ${key}`);
        position += bytesRead;
        return bytesRead;
      },
      close: () => Promise.resolve(release()),
    };
  }

  async openRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
    return streamFromSource(await this.openSource(key, start, end));
  }

  async remove(key: string): Promise<void> {
    this.files.forget(this.pathOf(key));
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
