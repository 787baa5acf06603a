import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { isRemoteFile } from "./manifest";

/** How long one download may take. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

export interface SourceOptions {
  /** Folder that relative paths are inside of (the manifest's folder, or IMPORT_DIR for uploads). */
  baseDir: string;
  /** Where downloads go; removed by the caller. */
  downloadDir: string;
  maxBytes: number;
  /** The fetch to download with; tests may route https URLs to a local server. */
  fetchImpl?: typeof fetch;
}

/**
 * The local file behind a manifest's file reference: a path checked to stay inside the base
 * folder, or an https URL downloaded (at most maxBytes, following redirects) into downloadDir.
 * Returns a problem message instead when it cannot be had.
 */
export async function resolveSource(
  reference: string,
  options: SourceOptions,
): Promise<{ path: string } | { problem: string }> {
  if (isRemoteFile(reference)) return download(reference, options);
  const base = path.resolve(options.baseDir);
  const full = path.resolve(base, reference);
  if (!full.startsWith(base + path.sep)) return { problem: "must be a path inside the manifest's folder" };
  const stat = await fs.promises.stat(full).catch(() => null);
  if (!stat?.isFile()) return { problem: `no such file: ${reference}` };
  if (stat.size > options.maxBytes) return { problem: `file is over ${Math.round(options.maxBytes / 1024 / 1024)} MB` };
  return { path: full };
}

async function download(url: string, options: SourceOptions): Promise<{ path: string } | { problem: string }> {
  const target = path.join(options.downloadDir, randomBytes(8).toString("hex"));
  const tooLarge = `file is over ${Math.round(options.maxBytes / 1024 / 1024)} MB`;
  try {
    const response = await (options.fetchImpl ?? fetch)(url, {
      redirect: "follow",
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (!response.ok || !response.body) return { problem: `download failed: HTTP ${response.status}` };
    if (Number(response.headers.get("content-length") ?? 0) > options.maxBytes) return { problem: tooLarge };
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > options.maxBytes ? new Error(tooLarge) : null, chunk);
      },
    });
    await fs.promises.mkdir(options.downloadDir, { recursive: true });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), limit, fs.createWriteStream(target));
    return { path: target };
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    const message = (error as Error).message;
    return { problem: message === tooLarge ? tooLarge : `download failed: ${message}` };
  }
}
