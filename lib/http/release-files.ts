import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { errorResponse } from "./errors";

/** The files of a release and their media types. */
export const RELEASE_FILE_TYPES: Record<string, string> = {
  "votes.csv": "text/csv; charset=utf-8",
  "votes.jsonl": "application/x-ndjson; charset=utf-8",
  "votes.parquet": "application/vnd.apache.parquet",
  "manifest.json": "application/json",
};

/**
 * Serves a file of a published release. Only the four known names under a `v<number>` folder
 * are reachable, so no request can name another path. Releases never change: cache for a year.
 */
export function serveReleaseFile(dir: string, release: string, file: string): Response {
  const type = RELEASE_FILE_TYPES[file];
  const full = /^v?\d{1,6}$/.test(release) && type ? path.join(dir, `v${release.replace(/^v/, "")}`, file) : null;
  if (!full || !type || !fs.existsSync(full))
    return errorResponse(404, "release_file_not_found", "There is no such release file.");
  return new Response(Readable.toWeb(fs.createReadStream(full)) as ReadableStream, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(fs.statSync(full).size),
      "Content-Disposition": `attachment; filename="clip-arena-${release.replace(/^v?/, "v")}-${file}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
