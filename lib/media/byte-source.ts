import type { FileHandle } from "node:fs/promises";

/** Random access to a file's bytes, so parsers can seek past large payloads instead of reading them. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset`; shorter only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A {@link ByteSource} over an open file handle of the given size. */
export function fileSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = new Uint8Array(want);
      let filled = 0;
      // A single read may return fewer bytes than asked for; loop until full or EOF.
      while (filled < want) {
        const { bytesRead } = await handle.read(buffer, filled, want - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
  };
}

/** A big-endian view of a byte array. */
export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A 64-bit unsigned field as a number, or NaN when it does not fit exactly (callers treat NaN as invalid). */
export function u64(data: DataView, offset: number): number {
  const value = data.getBigUint64(offset);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : NaN;
}
