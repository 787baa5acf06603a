import { randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/**
 * A short shared cache of rendered public pages (`/`, `/leaderboard`) in front of Next.js, for
 * `npm start` (scripts/serve.ts). Rendering one costs tens of milliseconds of CPU; these pages hold
 * nothing about the reader but the language, so one rendering serves every reader of the same
 * language, path and query for FRESH_MS.
 *
 * What makes a page shareable, checked on every request (else it goes to Next.js untouched):
 * - GET of a listed path, a full HTML load: no `RSC`/`Next-Router-*` headers, no `_rsc` query
 *   (client navigations get React's payload, not HTML);
 * - no `lang` query (proxy.ts answers it with a Set-Cookie) and no cookie other than the language
 *   and the voter cookies: an operator's session cookie (the header names them) bypasses it;
 * - not a crawler (Next.js renders metadata differently for some of them);
 * - the answer: 200, `text/html`, no Set-Cookie, not compressed (the miss asks Next.js for the
 *   identity encoding), with a nonce in its Content-Security-Policy.
 * The key is the reader's language (resolved by the caller as i18n/request.ts does) and the target.
 *
 * Every answer from the cache gets a fresh CSP nonce: the stored page is kept as the pieces
 * between its nonce's occurrences, and each hit joins them with a new one (the same length), in
 * the body and in the Content-Security-Policy header, so no two readers share a nonce.
 *
 * One request per key renders at a time. Past FRESH_MS an entry is still served to everyone else
 * while that request renders the page again (stale-while-revalidate, RFC 5861), for at most
 * STALE_MS; with no usable entry the others wait for that rendering instead of each starting
 * their own (a burst on a cold page costs one rendering), and go to Next.js themselves if it
 * stored nothing (an error page, a cookie).
 */
export interface PageCacheOptions {
  /** Paths served from the cache (exact, without the query). */
  paths: readonly string[];
  /** Cookie names that do not make a page personal (the language, the voter session). */
  neutralCookies: readonly string[];
  /** The reader's language for a request, as the pages resolve it (cookie, Accept-Language). */
  localeOf: (request: IncomingMessage) => string;
  /** How long an entry is served as fresh, in milliseconds. */
  freshMs?: number;
  /** How long past fresh an entry may still be served while one request renders it again. */
  staleMs?: number;
  /** At most this many entries (language × target); the oldest stored goes first. */
  maxEntries?: number;
  now?: () => number;
}

export const FRESH_MS = 5_000;
export const STALE_MS = 60_000;
const MAX_ENTRIES = 500;
/** Longest target kept: a query longer than this is not a page anyone links to. */
const MAX_TARGET_LENGTH = 512;

/** What proxy.ts makes: base64 of a UUID, 48 characters. */
export function newNonce(): string {
  return Buffer.from(randomUUID()).toString("base64");
}

/** User agents Next.js may render for differently (HTML-limited and DOM bots), and other crawlers. */
const CRAWLER_RE = /bot|crawl|spider|slurp|facebookexternalhit|preview|lighthouse|headlesschrome/i;

/** Hop-by-hop and per-answer headers that are not kept with a stored page. */
const NOT_STORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  /** The page split at its nonce: nonce goes between each two pieces. */
  pieces: Buffer[];
  /** The Content-Security-Policy split at its nonce. */
  policy: string[];
  /** The page's bytes without its nonces. */
  length: number;
  storedAt: number;
}

export type PageCacheOutcome = "hit" | "stale" | "wait" | "miss" | "bypass";

export class PageCache {
  readonly #options: Required<Omit<PageCacheOptions, "now">> & { now: () => number };
  readonly #entries = new Map<string, Entry>();
  /** Keys being rendered now, with what each request waiting for that rendering does after it. */
  readonly #rendering = new Map<string, (() => void)[]>();

  constructor(options: PageCacheOptions) {
    this.#options = {
      freshMs: FRESH_MS,
      staleMs: STALE_MS,
      maxEntries: MAX_ENTRIES,
      now: Date.now,
      ...options,
    };
  }

  /** How many entries are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** The cache key of a shareable request (see the class comment), or null when it is not one. */
  keyOf(request: IncomingMessage): string | null {
    const target = request.url ?? "";
    if (request.method !== "GET" || target.length > MAX_TARGET_LENGTH) return null;
    const queryAt = target.indexOf("?");
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    if (!this.#options.paths.includes(path)) return null;
    const headers = request.headers;
    if (headers.rsc !== undefined || Object.keys(headers).some((name) => name.startsWith("next-router-"))) return null;
    if (headers.purpose === "prefetch" || CRAWLER_RE.test(headers["user-agent"] ?? "")) return null;
    if (queryAt !== -1) {
      const query = new URLSearchParams(target.slice(queryAt + 1));
      if (query.has("lang") || query.has("_rsc")) return null;
    }
    if (!this.#onlyNeutralCookies(headers.cookie)) return null;
    return `${this.#options.localeOf(request)} ${target}`;
  }

  /**
   * Answers a shareable request from the cache when it can ("hit", or "stale" while another
   * request renders it again, or "wait" for that rendering when nothing usable is held);
   * otherwise hands it to `render` (Next.js), storing the answer when it qualifies ("miss").
   * Requests that are not shareable go to `render` untouched ("bypass").
   */
  serve(
    request: IncomingMessage,
    response: ServerResponse,
    render: (request: IncomingMessage, response: ServerResponse) => unknown,
  ): PageCacheOutcome {
    const key = this.keyOf(request);
    if (key === null) {
      render(request, response);
      return "bypass";
    }
    const now = this.#options.now();
    const entry = this.#entries.get(key);
    const age = entry ? now - entry.storedAt : Infinity;
    if (entry && age <= this.#options.freshMs) {
      this.#send(entry, response);
      return "hit";
    }
    const waiting = this.#rendering.get(key);
    if (waiting && entry && age <= this.#options.freshMs + this.#options.staleMs) {
      this.#send(entry, response);
      return "stale";
    }
    if (waiting) {
      waiting.push(() => {
        const rendered = this.#entries.get(key);
        if (rendered && rendered !== entry) this.#send(rendered, response);
        else render(request, response);
      });
      return "wait";
    }
    this.#rendering.set(key, []);
    // Ask for the identity encoding: the stored page is rewritten per answer.
    delete request.headers["accept-encoding"];
    this.#capture(key, response);
    render(request, response);
    return "miss";
  }

  #onlyNeutralCookies(header: string | undefined): boolean {
    if (!header) return true;
    for (const part of header.split(";")) {
      const name = part.slice(0, part.indexOf("=") === -1 ? undefined : part.indexOf("=")).trim();
      if (name && !this.#options.neutralCookies.includes(name)) return false;
    }
    return true;
  }

  #send(entry: Entry, response: ServerResponse): void {
    const nonce = newNonce();
    response.writeHead(entry.status, {
      ...entry.headers,
      "content-security-policy": entry.policy.join(nonce),
      "content-length": entry.length + (entry.pieces.length - 1) * Buffer.byteLength(nonce),
    });
    response.cork();
    entry.pieces.forEach((piece, i) => {
      if (i > 0) response.write(nonce);
      response.write(piece);
    });
    response.end();
  }

  /**
   * Tees what `render` writes to `response`, stores it once the answer ends if it qualifies, then
   * lets the requests waiting for this rendering go on.
   */
  #capture(key: string, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    let failed = false;
    const done = (entry: Entry | null) => {
      if (entry) this.#store(key, entry);
      const waiting = this.#rendering.get(key) ?? [];
      this.#rendering.delete(key);
      for (const proceed of waiting) proceed();
    };
    const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
      if (typeof chunk === "string")
        return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      failed = true;
      return null;
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = function (chunk: unknown, ...rest: unknown[]) {
      const buffer = toBuffer(chunk, rest[0]);
      // A copy: the caller may reuse its buffer once written.
      if (buffer) chunks.push(Buffer.from(buffer));
      return write(chunk, ...rest);
    } as ServerResponse["write"];
    response.end = function (chunk?: unknown, ...rest: unknown[]) {
      const buffer = toBuffer(chunk, rest[0]);
      if (buffer) chunks.push(Buffer.from(buffer));
      return end(chunk, ...rest);
    } as ServerResponse["end"];
    response.once("finish", () => done(failed ? null : this.#entryFrom(response, Buffer.concat(chunks))));
    // A client gone mid-answer: nothing stored, the waiting requests go on.
    response.once("close", () => {
      if (!response.writableFinished) done(null);
    });
  }

  #entryFrom(response: ServerResponse, body: Buffer): Entry | null {
    const headers = response.getHeaders();
    if (response.statusCode !== 200) return null;
    if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
    if (headers["set-cookie"] !== undefined || headers["content-encoding"] !== undefined) return null;
    const policy = String(headers["content-security-policy"] ?? "");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    if (!nonce) return null;
    const kept: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers))
      if (!NOT_STORED.has(name) && name !== "content-security-policy" && value !== undefined) kept[name] = value;
    const pieces: Buffer[] = [];
    const needle = Buffer.from(nonce);
    let from = 0;
    for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, from)) {
      pieces.push(body.subarray(from, at));
      from = at + needle.length;
    }
    pieces.push(body.subarray(from));
    return {
      status: 200,
      headers: kept,
      pieces,
      policy: policy.split(nonce),
      length: body.length - (pieces.length - 1) * needle.length,
      storedAt: this.#options.now(),
    };
  }

  #store(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
