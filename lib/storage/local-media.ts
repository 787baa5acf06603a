import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Media files on local disk under one root folder. Keys are relative paths the app makes itself
 * (never from user input), and every lookup is checked to stay inside the root.
 */
export class LocalMediaStore {
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

  /** Copies a file into the store under a new random key with the given extension. */
  async importFile(source: string, folder: string, extension: string): Promise<string> {
    const key = `${folder}/${randomBytes(12).toString("hex")}.${extension}`;
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.copyFile(source, target);
    return key;
  }

  /** Size in bytes, or null when the file is gone. */
  async sizeOf(key: string): Promise<number | null> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  /** A stream of the bytes start..end (inclusive) of a stored file. */
  openRange(key: string, start: number, end: number): fs.ReadStream {
    return fs.createReadStream(this.pathOf(key), { start, end });
  }
}
