import type http from "node:http";
import type { BlockList } from "node:net";
import type { Duplex } from "node:stream";
import { declareAddressStamping, stampClientAddress, stampRequestHost } from "./request-info";
import { refuseRequestTarget } from "./request-target";

/** An error in the API's one shape, before any router runs; closes the connection. */
function refuse(response: http.ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    connection: "close",
  });
  response.end(body);
}

/**
 * The methods some route answers. Next.js answers any other (TRACE, PROPFIND, …) with a 500 from
 * a TypeError, so they are refused here, before any router runs.
 */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * What `npm start` does to every request before routing it to lib/ or Next.js: refuses a method
 * no route serves (405 with an Allow header), a body declared larger than any route accepts
 * (413, see refuseOversizedBody), a target no router can decode (400, see refuseRequestTarget),
 * then stamps the client address and the host it addressed (stampClientAddress,
 * stampRequestHost). Returns whether the request was
 * answered here.
 */
export function createFrontDoor(options: { maxBodyBytes: number; trustedProxies: BlockList }) {
  // From now on every request's client address is the one stamped here (request-info.ts).
  declareAddressStamping();
  return (request: http.IncomingMessage, response: http.ServerResponse): boolean => {
    if (!KNOWN_METHODS.has(request.method ?? "")) {
      response.setHeader("allow", [...KNOWN_METHODS].join(", "));
      refuse(response, 405, "method_not_allowed", `${request.method ?? "This method"} is not supported.`);
      return true;
    }
    if (Number(request.headers["content-length"] ?? 0) > options.maxBodyBytes) {
      refuseOversizedBody(request, response);
      return true;
    }
    const badTarget = refuseRequestTarget(request.url);
    if (badTarget) {
      refuse(response, 400, "invalid_request", badTarget);
      return true;
    }
    stampClientAddress(request, options.trustedProxies);
    stampRequestHost(request, options.trustedProxies);
    return false;
  };
}

/** Longest the front door keeps reading a refused body after its 413 (nginx's lingering_timeout). */
export const LINGER_MS = 5_000;

/**
 * Answers a body declared larger than any route accepts with a 413, unread, and closes the
 * connection the way nginx's lingering close does: half-close after the answer, then keep reading
 * and discarding what the client still sends until it closes its side or LINGER_MS passes. Closing
 * at once with the client's bytes unread makes the kernel send a reset, which throws away the 413
 * before a client busy uploading has read it (it reports EPIPE or "connection reset" instead).
 */
function refuseOversizedBody(request: http.IncomingMessage, response: http.ServerResponse): void {
  const socket = request.socket;
  // Node's server calls destroySoon once a `Connection: close` answer is written; this socket
  // lingers instead. The parser keeps consuming the body and Node discards it (the request is
  // never read).
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("end", () => {
      clearTimeout(timer);
      this.destroy();
    });
    this.once("close", () => clearTimeout(timer));
  };
  refuse(response, 413, "body_too_large", "The request body is too large.");
}

const CONNECT_REFUSAL_BODY = JSON.stringify({
  error: { code: "method_not_allowed", message: "CONNECT is not supported." },
});

/** Answers CONNECT (a tunnel, for proxies) with a 405; without a listener Node leaves the socket hanging. */
export function refuseConnect(_request: http.IncomingMessage, socket: Duplex): void {
  socket.end(
    "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nConnection: close\r\n" +
      `Content-Length: ${Buffer.byteLength(CONNECT_REFUSAL_BODY)}\r\n\r\n${CONNECT_REFUSAL_BODY}`,
  );
}

/** Node's own answers to what its parser refuses, by error code; anything else is a 400. */
const CLIENT_ERRORS: Record<string, [string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    "431 Request Header Fields Too Large",
    "headers_too_large",
    "The request's target or headers are too large.",
  ],
  ERR_HTTP_REQUEST_TIMEOUT: ["408 Request Timeout", "request_timeout", "The request took too long to arrive."],
};

/**
 * Answers a request Node's HTTP parser refused before any handler saw it (an unknown method, a
 * Content-Length beside Transfer-Encoding, headers over the limit, a request too slow to arrive)
 * with Node's status, in the API's error shape: Node's default answer had no body. Like Node's
 * default (node:_http_server socketOnError), a reset, or a socket whose current response has
 * begun, is only destroyed.
 */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex & { _httpMessage?: { headersSent?: boolean } | null },
): void {
  // Node's own rule: answer unless a response on this socket has already begun.
  if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ""] ?? [
    "400 Bad Request",
    "invalid_request",
    "The request is not valid HTTP/1.1.",
  ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
