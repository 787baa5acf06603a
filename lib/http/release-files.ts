import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { errorResponse } from "./errors";
import { parseRange } from "./range";

/** The files of a release and their media types. */
export const RELEASE_FILE_TYPES: Record<string, string> = {
  "votes.csv": "text/csv; charset=utf-8",
  "votes.jsonl": "application/x-ndjson; charset=utf-8",
  "votes.parquet": "application/vnd.apache.parquet",
  "manifest.json": "application/json",
};

/** The path of a release file, or null: only the known names under a `v<number>` folder. */
function releaseFilePath(dir: string, release: string, file: string): string | null {
  const type = RELEASE_FILE_TYPES[file];
  return /^v?\d{1,6}$/.test(release) && type ? path.join(dir, `v${release.replace(/^v/, "")}`, file) : null;
}

/**
 * Answers a GET or HEAD for a file of a published release, streamed, with its Content-Length and
 * single-range support (206 / 416, RFC 9110 §14; If-Range matched against our Last-Modified).
 * Only the four known names under a `v<number>` folder are reachable, so no request can name
 * another path. Releases never change: cache for a year.
 */
export function serveReleaseFile(dir: string, request: Request, release: string, file: string): Response {
  const full = releaseFilePath(dir, release, file);
  const stat = full ? fs.statSync(full, { throwIfNoEntry: false }) : undefined;
  if (!full || !stat?.isFile()) return errorResponse(404, "release_file_not_found", "There is no such release file.");
  const size = stat.size;
  const lastModified = stat.mtime.toUTCString();
  const headers: Record<string, string> = {
    "Content-Type": RELEASE_FILE_TYPES[file] ?? "application/octet-stream",
    "Content-Disposition": `attachment; filename="clip-arena-${release.replace(/^v?/, "v")}-${file}"`,
    "Cache-Control": "public, max-age=31536000, immutable",
    "Access-Control-Allow-Origin": "*",
    "Accept-Ranges": "bytes",
    "Last-Modified": lastModified,
  };
  // A Range under an If-Range that no longer matches is ignored: the whole file is sent.
  const ifRange = request.headers.get("if-range");
  const range = parseRange(ifRange && ifRange !== lastModified ? null : request.headers.get("range"), size);
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
  const body =
    request.method === "HEAD" || size === 0
      ? null
      : (Readable.toWeb(fs.createReadStream(full, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}
