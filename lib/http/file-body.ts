import type { ServerResponse } from "node:http";
import { type ByteSource, streamFromSource } from "../storage/byte-source";

/** The ByteSource behind each file Response, for the Node bridge to send itself. */
const sources = new WeakMap<Response, ByteSource>();

/**
 * A Response whose body is `source` (null for a HEAD): a Web stream that reads nothing until it
 * is pulled, for consumers that read Web bodies (Next.js route files, tests), and the source
 * itself for the Node bridge (sendSource), which skips the Web stream.
 */
export function sourceResponse(source: ByteSource | null, init: ResponseInit): Response {
  const response = new Response(source ? streamFromSource(source) : null, init);
  if (source) sources.set(response, source);
  return response;
}

/** The source a Response made by sourceResponse carries, if any. */
export function sourceOf(response: Response): ByteSource | undefined {
  return sources.get(response);
}

/** Bytes per read and socket write: large writes, few reads and promises per megabyte. */
const CHUNK_BYTES = 256 * 1024;
/** Chunk buffers kept for reuse between responses (8 MiB at most). */
const MAX_POOLED = 32;
const pool: Buffer[] = [];

const takeBuffer = () => pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
const giveBack = (buffer: Buffer) => void (pool.length < MAX_POOLED && pool.push(buffer));

/**
 * Sends the source's bytes as the response's body and ends it: two pooled buffers take turns, so
 * the next chunk is read from disk while the last one is written, and a buffer is refilled only
 * once the socket has taken its bytes (the write's callback), which also bounds what is queued for
 * a slow client to two chunks. A client that goes away mid-file (a seek, a closed tab) ends the
 * send quietly; the source is closed either way.
 */
export async function sendSource(outgoing: ServerResponse, source: ByteSource): Promise<void> {
  const buffers = [takeBuffer(), takeBuffer()] as const;
  const writes: Promise<boolean>[] = [Promise.resolve(true), Promise.resolve(true)];
  let sent = false;
  try {
    for (let turn = 0; ; turn ^= 1) {
      if (!(await writes[turn])) return;
      const buffer = turn === 0 ? buffers[0] : buffers[1];
      const n = await source.read(buffer);
      if (n === 0) break;
      writes[turn] = written(outgoing, buffer.subarray(0, n));
    }
    sent = (await Promise.all(writes)).every(Boolean);
    if (sent) outgoing.end();
  } catch {
    // A failed read mid-file: the status is sent, so the client can only see the body cut short.
  } finally {
    if (!sent && !outgoing.destroyed) outgoing.destroy();
    await source.close();
    // A write that failed may still hold its buffer in the socket's queue: only reuse after success.
    if (sent) buffers.forEach(giveBack);
  }
}

/** Resolves true once the socket took the chunk, false if the connection closed first (never rejects). */
function written(outgoing: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (outgoing.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    outgoing.once("close", onClose);
    outgoing.write(chunk, (error) => {
      outgoing.off("close", onClose);
      resolve(!error);
    });
  });
}
