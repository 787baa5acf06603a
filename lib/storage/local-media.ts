import fs from "node:fs";
import path from "node:path";
import { type MediaFolder, type MediaStore, newMediaKey } from "./media-store";

/** Bytes per read when streaming a file: large reads, few chunks for the layers above to handle. */
const READ_CHUNK_BYTES = 256 * 1024;

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

  /**
   * Positioned reads of up to READ_CHUNK_BYTES straight into a byte stream: no Node stream and no
   * Node-to-Web adapter between the disk and the response, whose per-chunk work was most of the
   * CPU a served megabyte cost (`npm run bench:media`).
   */
  async openRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
    const file = await fs.promises.open(this.pathOf(key), "r");
    let position = start;
    const close = () => file.close().catch(() => undefined);
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const length = Math.min(READ_CHUNK_BYTES, end + 1 - position);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        const chunk = Buffer.allocUnsafe(length);
        const { bytesRead } = await file.read(chunk, 0, length, position);
        if (bytesRead === 0) {
          await close();
          controller.error(new Error(`media file ended at byte ${position}, before ${end + 1}: ${key}`));
          return;
        }
        position += bytesRead;
        controller.enqueue(chunk.subarray(0, bytesRead));
      },
      cancel: close,
    });
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}
