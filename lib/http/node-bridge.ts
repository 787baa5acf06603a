import type { IncomingMessage, ServerResponse } from "node:http";
import { API_CONTENT_SECURITY_POLICY } from "./content-security-policy";
import { errorResponse } from "./errors";
import { sendSource, sourceOf } from "./file-body";
import { SECURITY_HEADERS } from "./security-headers";

/** Bodies the bridge reads at most; the JSON handlers refuse far smaller ones themselves. */
const MAX_BRIDGED_BODY_BYTES = 64 * 1024;

const EMPTY_BODY = Buffer.alloc(0);

/** A Web handler the bridge can serve: what the route files call, minus Next.js. */
export type WebHandler = (request: Request) => Promise<Response>;

/**
 * The request body, or null past MAX_BRIDGED_BODY_BYTES. A GET or HEAD has none the handlers
 * read (toWebRequest drops it): anything sent is discarded without waiting for it, which spares
 * the read routes a trip through the stream's events.
 */
function readBody(incoming: IncomingMessage): Promise<Buffer | null> {
  if (incoming.method === "GET" || incoming.method === "HEAD") {
    incoming.resume();
    return Promise.resolve(EMPTY_BODY);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BRIDGED_BODY_BYTES) return void chunks.push(chunk);
      // Stop reading; the 413 closes the connection, so the rest is never read.
      incoming.off("data", onData);
      incoming.pause();
      resolve(null);
    };
    incoming.on("data", onData);
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}

/**
 * The Web Request for a Node request, headers as sent. The client address is not taken from
 * X-Forwarded-For here: serve.ts's front door stamps it in its own header (see request-info.ts).
 */
function toWebRequest(incoming: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(requestUrl(incoming.headers.host, incoming.url), {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : undefined,
  });
}

/**
 * The request's URL from its Host header and target. A Host that cannot form a URL (`a b`, a port
 * over 65535) falls back to localhost: the handlers read paths and queries, never the host from
 * the URL, so a hostile Host gets the same answer as a plain one instead of a 500.
 */
function requestUrl(host: string | undefined, target: string | undefined): string {
  const path = target ?? "/";
  try {
    return new URL(`http://${host ?? "localhost"}${path}`).href;
  } catch {
    return `http://localhost${path}`;
  }
}

async function writeWebResponse(outgoing: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {
    ...SECURITY_HEADERS,
    "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
  };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const source = sourceOf(response);
  if (source) {
    outgoing.writeHead(response.status, headers);
    return sendSource(outgoing, source);
  }
  if (response.body && response.headers.has("content-length")) return streamBody(outgoing, response, headers);
  const body = Buffer.from(await response.arrayBuffer());
  // A HEAD answer keeps the size the handler gave (a file's); it has no body to measure.
  headers["content-length"] ??= String(body.length);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/**
 * A body whose size the handler gave (a media or release file): streamed, never buffered, with
 * that Content-Length, so the client sees the size and no chunked framing. Chunks go from the Web
 * stream's reader to the socket with backpressure, without a Node stream adapter in between (its
 * per-chunk work cost more CPU than the bytes did). A client that goes away mid-file (a seek, a
 * closed tab) ends the stream quietly.
 */
async function streamBody(
  outgoing: ServerResponse,
  response: Response,
  headers: Record<string, string | string[]>,
): Promise<void> {
  outgoing.writeHead(response.status, headers);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!outgoing.write(value) && !(await drained(outgoing))) throw new Error("the client went away");
    }
    outgoing.end();
  } catch {
    await reader.cancel().catch(() => undefined);
    if (!outgoing.destroyed) outgoing.destroy();
  }
}

/** Resolves true once the response can take more bytes, false if its connection closed first. */
function drained(outgoing: ServerResponse): Promise<boolean> {
  if (outgoing.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (writable: boolean) => {
      outgoing.off("drain", onDrain);
      outgoing.off("close", onClose);
      resolve(writable);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    outgoing.once("drain", onDrain);
    outgoing.once("close", onClose);
  });
}

/**
 * Serves a Node request with a Web handler directly, with the headers next.config.ts gives API
 * responses: for the JSON endpoints that take most of the traffic, skipping Next.js's router
 * more than doubles throughput. Request bodies are buffered (they are small); an oversized one is
 * a 413. Response bodies with a Content-Length (files) are streamed, others buffered.
 */
export async function serveThroughBridge(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handler: WebHandler,
): Promise<void> {
  try {
    const body = await readBody(incoming);
    if (body === null) {
      outgoing.shouldKeepAlive = false;
      return await writeWebResponse(outgoing, errorResponse(413, "body_too_large", "The request body is too large."));
    }
    await writeWebResponse(outgoing, await handler(toWebRequest(incoming, body)));
  } catch (error) {
    console.error(error);
    if (!outgoing.headersSent)
      await writeWebResponse(outgoing, errorResponse(500, "internal_error", "Something went wrong on our side."));
    else outgoing.destroy();
  }
}
