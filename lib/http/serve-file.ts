import { type PaddingSpec, paddingBytes, planPaddedRead } from "../media/mp4-padding";
import { openUnlinkedSource } from "../media/mp4-unlink";
import { unlinkedLayoutsOf } from "../media/unlinked-layouts";
import type { ByteSource } from "../storage/byte-source";
import type { MediaStore } from "../storage/media-store";
import { errorResponse } from "./errors";
import { sourceResponse } from "./file-body";
import { parseRange } from "./range";

/**
 * A stored file to serve. With `padding`, an MP4 `free` box for this URL is appended to it; with
 * `unlinkKey` too (MP4 only), its header, sample sizes and offsets are rewritten for this URL
 * first (lib/media/mp4-unlink.ts), or, for a layout the rewriter does not handle, left as stored.
 */
export interface StoredFile {
  storageKey: string;
  mimeType: string;
  padding?: PaddingSpec;
  unlinkKey?: Buffer;
}

/** The bytes a URL serves before its padding box: the stored file, or its per-URL rewrite. */
interface Base {
  size: number;
  open: (start: number, end: number) => Promise<ByteSource>;
}

async function baseOf(store: MediaStore, file: StoredFile, storedSize: number): Promise<Base> {
  const stored: Base = { size: storedSize, open: (start, end) => store.openSource(file.storageKey, start, end) };
  if (!file.unlinkKey || file.mimeType !== "video/mp4") return stored;
  const layout = await unlinkedLayoutsOf(store).layoutFor(store, file.storageKey, storedSize, file.unlinkKey);
  if (!layout) return stored;
  return { size: layout.size, open: (start, end) => openUnlinkedSource(layout, start, end, stored.open) };
}

/** The base bytes of the plan, then the padding's, as one source; nothing is buffered but the box. */
async function openPadded(
  base: Base,
  padding: PaddingSpec | undefined,
  start: number,
  end: number,
): Promise<ByteSource> {
  if (!padding) return base.open(start, end);
  const plan = planPaddedRead(base.size, padding.boxLength, { start, end });
  let head = plan.file ? await base.open(plan.file.start, plan.file.end) : null;
  let tail: Uint8Array | null = null;
  let tailAt = 0;
  return {
    length: end - start + 1,
    async read(target) {
      let filled = head ? await head.read(target) : 0;
      if (filled === 0 && head) {
        await head.close();
        head = null;
      }
      if (head || !plan.padding) return filled;
      tail ??= paddingBytes(padding, plan.padding);
      const n = Math.min(tail.length - tailAt, target.length - filled);
      target.set(tail.subarray(tailAt, tailAt + n), filled);
      tailAt += n;
      filled += n;
      return filled;
    },
    close: async () => head?.close(),
  };
}

/**
 * Answers a GET or HEAD for a stored file with Range support (206 / 416). Sends no ETag or
 * Last-Modified on purpose: callers serve the same file under many URLs that must not be linkable.
 */
export async function serveStoredFile(
  store: MediaStore,
  request: Request,
  file: StoredFile | null,
  cacheControl: string,
): Promise<Response> {
  const storedSize = file ? await store.sizeOf(file.storageKey) : null;
  if (!file || storedSize === null) return errorResponse(404, "media_not_found", "There is no such media.");
  const base = await baseOf(store, file, storedSize);
  const size = base.size + (file.padding?.boxLength ?? 0);
  const headers: Record<string, string> = {
    "Content-Type": file.mimeType,
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
  };
  // RFC 9110 §13.1.5: with no validator of ours to match, an If-Range never holds, so a
  // conditional Range is ignored and the whole file is sent.
  const rangeHeader = request.headers.has("if-range") ? null : request.headers.get("range");
  const range = parseRange(rangeHeader, size);
  if (range === "unsatisfiable") {
    return errorResponse(
      416,
      "range_not_satisfiable",
      `The file has ${size} bytes; no requested range lies inside it.`,
      {
        "Content-Range": `bytes */${size}`,
        "Accept-Ranges": "bytes",
      },
    );
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  const body = request.method === "HEAD" ? null : await openPadded(base, file.padding, start, end);
  return sourceResponse(body, { status: range ? 206 : 200, headers });
}
