import type { MediaStore } from "../storage/media-store";
import { errorResponse } from "./errors";
import { parseRange } from "./range";

/**
 * Answers a GET or HEAD for a stored file with Range support (206 / 416). Sends no ETag or
 * Last-Modified on purpose: callers serve the same file under many URLs that must not be linkable.
 */
export async function serveStoredFile(
  store: MediaStore,
  request: Request,
  file: { storageKey: string; mimeType: string } | null,
  cacheControl: string,
): Promise<Response> {
  const size = file ? await store.sizeOf(file.storageKey) : null;
  if (!file || size === null) return errorResponse(404, "media_not_found", "There is no such media.");
  const headers: Record<string, string> = {
    "Content-Type": file.mimeType,
    "Accept-Ranges": "bytes",
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
  };
  const range = parseRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}` } });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers["Content-Length"] = String(end - start + 1);
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  const body = request.method === "HEAD" ? null : await store.openRange(file.storageKey, start, end);
  return new Response(body, { status: range ? 206 : 200, headers });
}
