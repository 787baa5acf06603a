import { type PaddingSpec, paddingBytes, planPaddedRead } from "../media/mp4-padding";
import type { MediaStore } from "../storage/media-store";
import { errorResponse } from "./errors";
import { parseRange } from "./range";

/** A stored file to serve; with `padding`, an MP4 `free` box for this URL is appended to it. */
export interface StoredFile {
  storageKey: string;
  mimeType: string;
  padding?: PaddingSpec;
}

/** The stored bytes of the plan, then the padding's, as one stream; nothing is buffered but the box. */
async function openPadded(
  store: MediaStore,
  file: StoredFile,
  storedSize: number,
  start: number,
  end: number,
): Promise<ReadableStream<Uint8Array>> {
  const { padding } = file;
  if (!padding) return store.openRange(file.storageKey, start, end);
  const plan = planPaddedRead(storedSize, padding.boxLength, { start, end });
  const head = plan.file ? await store.openRange(file.storageKey, plan.file.start, plan.file.end) : null;
  const tail = plan.padding;
  const reader = head?.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (!chunk.done) {
        controller.enqueue(chunk.value);
        return;
      }
      if (tail) controller.enqueue(paddingBytes(padding, tail));
      controller.close();
    },
    cancel: (reason) => reader?.cancel(reason),
  });
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
  const size = storedSize + (file.padding?.boxLength ?? 0);
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
  const body = request.method === "HEAD" ? null : await openPadded(store, file, storedSize, start, end);
  return new Response(body, { status: range ? 206 : 200, headers });
}
