import type { Db } from "../db/client";
import { findReleaseFile, type ReleaseVoteFile } from "../export/release";
import type { MediaStore } from "../storage/media-store";
import { errorResponse } from "./errors";
import { parseRange } from "./range";

/** The files of a release and their media types. */
export const RELEASE_FILE_TYPES: Record<string, string> = {
  "votes.csv": "text/csv; charset=utf-8",
  "votes.jsonl": "application/x-ndjson; charset=utf-8",
  "votes.parquet": "application/vnd.apache.parquet",
  "manifest.json": "application/json",
  "prices.csv": "text/csv; charset=utf-8",
};

/**
 * Answers a GET or HEAD for a file of a published release: the manifest from its database row, a
 * vote file from the media store, so every instance answers with the same bytes (and the
 * manifest's SHA-256 sums) whichever instance froze it. Sent with its Content-Length and
 * single-range support (206 / 416, RFC 9110 §14; an If-Range must match the strong ETag, which
 * names the release, the file and its size: a published release never changes). Only the five
 * known names of a `v<number>` release are reachable; anything else is 404 `release_file_not_found`.
 */
export async function serveReleaseFile(
  db: Db,
  store: MediaStore,
  request: Request,
  release: string,
  file: string,
): Promise<Response> {
  const type = RELEASE_FILE_TYPES[file];
  const notFound = () => errorResponse(404, "release_file_not_found", "There is no such release file.");
  if (!type || !/^v?\d{1,6}$/.test(release)) return notFound();
  const number = Number(release.replace(/^v/, ""));
  const found = await findReleaseFile(db, number, file as ReleaseVoteFile | "manifest.json" | "prices.csv");
  if (!found) return notFound();
  const manifest = "manifest" in found ? new TextEncoder().encode(found.manifest) : null;
  const key = "key" in found ? found.key : null;
  const size = key === null ? (manifest?.length ?? 0) : await store.sizeOf(key);
  if (size === null) return notFound();
  const etag = `"v${number}-${file}-${size}"`;
  const headers: Record<string, string> = {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="clip-arena-v${number}-${file}"`,
    "Cache-Control": "public, max-age=31536000, immutable",
    "Access-Control-Allow-Origin": "*",
    "Accept-Ranges": "bytes",
    ETag: etag,
  };
  // A Range under an If-Range that does not match is ignored: the whole file is sent.
  const ifRange = request.headers.get("if-range");
  const range = parseRange(ifRange && ifRange !== etag ? null : request.headers.get("range"), size);
  if (range === "unsatisfiable")
    return errorResponse(
      416,
      "range_not_satisfiable",
      `The file has ${size} bytes; no requested range lies inside it.`,
      {
        "Content-Range": `bytes */${size}`,
        "Accept-Ranges": "bytes",
      },
    );
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers["Content-Length"] = String(Math.max(0, end - start + 1));
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (request.method === "HEAD" || size === 0) return new Response(null, { status, headers });
  const body = key === null ? manifest?.subarray(start, end + 1) : await store.openRange(key, start, end);
  return new Response(body, { status, headers });
}
