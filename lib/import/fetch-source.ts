import { randomBytes } from "node:crypto";
import dns from "node:dns";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { isRemoteFile } from "./manifest";
import { type ImportIssue, importIssue } from "./import-problem";
import { fetchPinned } from "./pinned-fetch";
import { isPublicAddress } from "./public-address";

/** How long one download may take, redirects included. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
/** Redirects one download may follow, each checked like the first URL. */
const MAX_REDIRECTS = 5;

/** Every address a host name resolves to (the system resolver, as fetch uses it). */
async function lookupAll(hostname: string): Promise<string[]> {
  return (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

export interface SourceOptions {
  /** Folder that relative paths are inside of (the manifest's folder, or IMPORT_DIR for uploads). */
  baseDir: string;
  /** Where downloads go; removed by the caller. */
  downloadDir: string;
  maxBytes: number;
  /**
   * The fetch to download with; tests may route https URLs to a local server. Without it, each hop
   * connects only to the addresses its check resolved (fetchPinned), so DNS cannot rebind.
   */
  fetchImpl?: typeof fetch;
  /** Resolves a host name to all its addresses; tests may stand in for DNS. */
  lookupImpl?: (hostname: string) => Promise<string[]>;
}

/**
 * The local file behind a manifest's file reference: a path checked to stay inside the base
 * folder with no symbolic link on the way (a link could point anywhere on the machine), or an
 * https URL on a public address downloaded (at most maxBytes, redirects followed and re-checked)
 * into downloadDir. Returns the problem instead when it cannot be had.
 */
export async function resolveSource(
  reference: string,
  options: SourceOptions,
): Promise<{ path: string } | { problem: ImportIssue }> {
  if (isRemoteFile(reference)) return download(reference, options);
  const base = await fs.promises.realpath(path.resolve(options.baseDir)).catch(() => null);
  const full = base && path.resolve(base, reference);
  if (!base || !full?.startsWith(base + path.sep))
    return { problem: importIssue("outside_folder", "must be a path inside the manifest's folder") };
  const real = await fs.promises.realpath(full).catch(() => null);
  if (!real) return { problem: noSuchFile(reference) };
  if (real !== full)
    return { problem: importIssue("symbolic_link", "is a symbolic link or inside one; links are not followed") };
  const stat = await fs.promises.stat(full).catch(() => null);
  if (!stat?.isFile()) return { problem: noSuchFile(reference) };
  if (stat.size > options.maxBytes) return { problem: tooLarge(options.maxBytes) };
  return { path: full };
}

/**
 * The addresses a URL may be fetched from, resolved once: every address its host resolves to, all
 * public. Or why it may not be fetched (not https, or a host with any non-public address).
 */
async function checkUrl(
  url: URL,
  lookup: (hostname: string) => Promise<string[]>,
): Promise<{ addresses: string[] } | { refusal: string }> {
  if (url.protocol !== "https:") return { refusal: "only https:// URLs are downloaded" };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = await lookup(host).catch(() => []);
  if (addresses.length === 0) return { refusal: `cannot resolve ${host}` };
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked)
    return { refusal: `${host} is not a public address (${blocked}); only public hosts are downloaded from` };
  return { addresses };
}

/**
 * The response at the end of at most MAX_REDIRECTS redirects, every hop checked first and then
 * fetched from the very addresses checked (the name is not resolved a second time).
 */
async function fetchPublic(url: URL, options: SourceOptions, signal: AbortSignal): Promise<Response | string> {
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const checked = await checkUrl(url, options.lookupImpl ?? lookupAll);
    if ("refusal" in checked) return checked.refusal;
    const response = options.fetchImpl
      ? await options.fetchImpl(url, { redirect: "manual", signal })
      : await fetchPinned(url, checked.addresses, signal);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  return `more than ${MAX_REDIRECTS} redirects`;
}

const noSuchFile = (reference: string) =>
  importIssue("no_such_file", `no such file: ${reference}`, { file: reference });

function tooLarge(maxBytes: number): ImportIssue {
  const megabytes = String(Math.round(maxBytes / 1024 / 1024));
  return importIssue("file_too_large", `file is over ${megabytes} MB`, { megabytes });
}

async function download(url: string, options: SourceOptions): Promise<{ path: string } | { problem: ImportIssue }> {
  const target = path.join(options.downloadDir, randomBytes(8).toString("hex"));
  const overLimit = tooLarge(options.maxBytes);
  try {
    const response = await fetchPublic(new URL(url), options, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS));
    if (typeof response === "string")
      return { problem: importIssue("download_refused", `download refused: ${response}`, { detail: response }) };
    if (!response.ok || !response.body) return { problem: downloadFailed(`HTTP ${response.status}`) };
    if (Number(response.headers.get("content-length") ?? 0) > options.maxBytes) return { problem: overLimit };
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > options.maxBytes ? new Error(overLimit.message) : null, chunk);
      },
    });
    await fs.promises.mkdir(options.downloadDir, { recursive: true });
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), limit, fs.createWriteStream(target));
    return { path: target };
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    const message = (error as Error).message;
    return { problem: message === overLimit.message ? overLimit : downloadFailed(message) };
  }
}

const downloadFailed = (detail: string) => importIssue("download_failed", `download failed: ${detail}`, { detail });
