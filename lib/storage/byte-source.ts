/**
 * A body read into buffers the reader owns: the shape the file-serving path uses from the disk to
 * the socket, so each served chunk costs one positioned read into a reused buffer and one socket
 * write, with no Web stream (a promise, a queue entry and a fresh buffer per chunk) in between.
 */
export interface ByteSource {
  /** Bytes the source yields in all, from its first read to its end. */
  readonly length: number;
  /**
   * Writes the next bytes into `target` from its start and resolves their count: at least one
   * while bytes are left, 0 at the end. Rejects if the underlying file ends early. `target` is
   * not kept after the promise settles, so the caller may reuse it.
   */
  read(target: Uint8Array): Promise<number>;
  /** Releases the file or connection; safe to call more than once, and after an error. */
  close(): Promise<void>;
}

/** Fills all of `target` from the source; rejects if it ends first. */
export async function readExactly(source: ByteSource, target: Uint8Array): Promise<void> {
  for (let filled = 0; filled < target.length;) {
    const n = await source.read(target.subarray(filled));
    if (n === 0) throw new Error(`the source ended ${target.length - filled} bytes early`);
    filled += n;
  }
}

/** A source over a Web stream of exactly `length` bytes (an S3 object's body): its chunks are copied out. */
export function sourceFromStream(stream: ReadableStream<Uint8Array>, length: number): ByteSource {
  const reader = stream.getReader();
  let pending: Uint8Array = new Uint8Array(0);
  let done = false;
  return {
    length,
    async read(target) {
      let filled = 0;
      while (filled < target.length) {
        if (pending.length === 0) {
          if (done || filled > 0) break;
          const chunk = await reader.read();
          if (chunk.done) {
            done = true;
            break;
          }
          pending = chunk.value;
        }
        const n = Math.min(pending.length, target.length - filled);
        target.set(pending.subarray(0, n), filled);
        pending = pending.subarray(n);
        filled += n;
      }
      return filled;
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

/** Bytes per chunk of streamFromSource. */
const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * The source as a Web stream, for consumers that take one (Next.js route files, tests). It reads
 * nothing until its first pull (high-water mark 0), so a Response can carry it unread while the
 * Node bridge sends the source itself (lib/http/file-body.ts).
 */
export function streamFromSource(source: ByteSource): ReadableStream<Uint8Array> {
  let left = source.length;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK_BYTES, Math.max(1, left)));
          const n = left > 0 ? await source.read(chunk) : 0;
          if (n === 0) {
            await source.close();
            controller.close();
            return;
          }
          left -= n;
          controller.enqueue(chunk.subarray(0, n));
        } catch (error) {
          await source.close();
          throw error;
        }
      },
      cancel: () => source.close(),
    },
    { highWaterMark: 0 },
  );
}
