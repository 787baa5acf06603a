import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseCidrList } from "@/lib/cidr";
import { answerClientError, createFrontDoor } from "@/lib/http/front-door";

// The front door of `npm start` (scripts/serve.ts) on a real socket; what it lets through is
// answered by a stand-in router that says so.
const PORT = 3141;
const MAX_BODY = 1024 * 1024;
let server: http.Server;

beforeAll(async () => {
  const admit = createFrontDoor({ maxBodyBytes: MAX_BODY, trustedProxies: parseCidrList("") });
  server = http.createServer((request, response) => {
    if (admit(request, response)) return;
    request.resume();
    response.end("routed");
  });
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("TRACE and other methods no route serves are a 405 in the error shape, with Allow", async () => {
  for (const method of ["TRACE", "PROPFIND", "LINK"]) {
    const response = await request(method, "/api/health");
    expect(response.status, method).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(JSON.parse(response.body)).toEqual({ error: { code: "method_not_allowed", message: expect.any(String) } });
  }
  for (const method of ["GET", "POST", "OPTIONS", "DELETE"])
    expect((await request(method, "/")).body, method).toBe("routed");
});

test("a client still sending an oversized body reads the 413 instead of a reset", async () => {
  // Sends 40 MB without reading anything for a second, like a browser busy uploading: if the
  // server closed with bytes unread, the kernel's reset would discard the answer.
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let received = "";
    socket.pause();
    socket.on("connect", () => {
      socket.write(`POST /api/admin/import HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${40 << 20}\r\n\r\n`);
      const chunk = Buffer.alloc(1 << 20);
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent += 1;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
      };
      pump();
      setTimeout(() => socket.resume(), 1_000);
    });
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (received.includes("}")) socket.destroy();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(`error ${error.code}: ${received}`));
    socket.on("close", () => resolve(received));
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer).toContain('{"error":{"code":"body_too_large"');
});

function request(
  method: string,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: "127.0.0.1", port: PORT, method, path }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test("what Node's parser refuses is answered in the error shape: 400, and 431 for oversized headers", async () => {
  const cases: [string, number, string][] = [
    ["FOO /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "invalid_request"],
    [
      "POST /api/battles HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
      400,
      "invalid_request",
    ],
    [`GET /api/leaderboard?x=${"a".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`, 431, "headers_too_large"],
  ];
  for (const [bytes, status, code] of cases) {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(PORT, "127.0.0.1", () => socket.write(bytes));
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
      socket.on("close", () => resolve(received));
      socket.on("error", () => {});
    });
    expect(answer.split("\r\n")[0], bytes.slice(0, 40)).toBe(
      `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : "Request Header Fields Too Large"}`,
    );
    const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
    expect(JSON.parse(body)).toEqual({ error: { code, message: expect.any(String) } });
  }
});

test("a refused request after an answered one on a keep-alive connection still gets its 400", async () => {
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      // The first answer is in: reuse the connection, as a client's keep-alive pool does.
      if (received.endsWith("routed") && !received.includes("400"))
        socket.write("FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    });
    socket.on("close", () => resolve(received));
    socket.on("error", () => {});
  });
  expect(answer).toContain("routed");
  expect(answer).toContain("HTTP/1.1 400 Bad Request");
  expect(answer).toContain('"code":"invalid_request"');
});
