import type http from "node:http";
import type { BlockList } from "node:net";
import type { Duplex } from "node:stream";
import { stampClientAddress } from "./request-info";
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
 * What `npm start` does to every request before routing it to lib/ or Next.js: refuses a body
 * declared larger than any route accepts (413, unread), a target no router can decode (400, see
 * refuseRequestTarget), then stamps the client address (see stampClientAddress). Returns whether
 * the request was answered here.
 */
export function createFrontDoor(options: { maxBodyBytes: number; trustedProxies: BlockList }) {
  return (request: http.IncomingMessage, response: http.ServerResponse): boolean => {
    if (Number(request.headers["content-length"] ?? 0) > options.maxBodyBytes) {
      refuse(response, 413, "body_too_large", "The request body is too large.");
      return true;
    }
    const badTarget = refuseRequestTarget(request.url);
    if (badTarget) {
      refuse(response, 400, "invalid_request", badTarget);
      return true;
    }
    stampClientAddress(request, options.trustedProxies);
    return false;
  };
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
