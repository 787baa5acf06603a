import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { type MediaFolder, type MediaStore, newMediaKey } from "./media-store";

/**
 * Media files on local disk under one root folder. Every lookup is checked to stay inside the
 * root, so even a corrupted key cannot reach another file.
 */
export class LocalMediaStore implements MediaStore {
  readonly root: string;

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
      return (await fs.promises.stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  openRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
    const stream = fs.createReadStream(this.pathOf(key), { start, end });
    return Promise.resolve(Readable.toWeb(stream) as ReadableStream<Uint8Array>);
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
