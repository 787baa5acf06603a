import type { Db } from "../db/client";
import { findReleaseFile, type ReleaseVoteFile } from "../export/release";
import type { MediaStore } from "../storage/media-store";
import { errorResponse } from "./errors";

/** The files of a release and their media types. */
export const RELEASE_FILE_TYPES: Record<string, string> = {
  "votes.csv": "text/csv; charset=utf-8",
  "votes.jsonl": "application/x-ndjson; charset=utf-8",
  "votes.parquet": "application/vnd.apache.parquet",
  "manifest.json": "application/json",
};

/**
 * Serves a file of a published release: the manifest from its database row, a vote file from the
 * media store, so every instance answers with the same bytes (and the manifest's SHA-256 sums)
 * whichever instance froze it. Only the four known names of a `v<number>` release are reachable.
 * Releases never change: cache for a year. 404 `release_file_not_found` for anything else.
 */
export async function serveReleaseFile(db: Db, store: MediaStore, release: string, file: string): Promise<Response> {
  const type = RELEASE_FILE_TYPES[file];
  const notFound = () => errorResponse(404, "release_file_not_found", "There is no such release file.");
  if (!type || !/^v?\d{1,6}$/.test(release)) return notFound();
  const number = Number(release.replace(/^v/, ""));
  const found = await findReleaseFile(db, number, file as ReleaseVoteFile | "manifest.json");
  if (!found) return notFound();
  const headers = {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="clip-arena-v${number}-${file}"`,
    "Cache-Control": "public, max-age=31536000, immutable",
    "Access-Control-Allow-Origin": "*",
  };
  if ("manifest" in found) {
    const bytes = new TextEncoder().encode(found.manifest);
    return new Response(bytes, { headers: { ...headers, "Content-Length": String(bytes.length) } });
  }
  const size = await store.sizeOf(found.key);
  if (size === null) return notFound();
  const body = size === 0 ? new Uint8Array() : await store.openRange(found.key, 0, size - 1);
  return new Response(body, { headers: { ...headers, "Content-Length": String(size) } });
}
