import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchPinned, pinnedLookup } from "@/lib/import/pinned-fetch";

// A TCP server on loopback records who connects; the download's TLS handshake with it fails, which
// is fine: what matters is where the socket went.
let server: net.Server;
let port: number;
const connections: string[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    connections.push(socket.localAddress ?? "");
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a download connects to the address its check resolved, never asking DNS again", async () => {
  // `.invalid` never resolves (RFC 6761): reaching the server proves the name was not looked up.
  const url = new URL(`https://rebound.invalid:${port}/clip.mp4`);
  await expect(fetchPinned(url, ["127.0.0.1"], AbortSignal.timeout(10_000))).rejects.toThrow();
  expect(connections).toEqual(["127.0.0.1"]);
});

test("the pinned lookup answers both lookup forms from the checked addresses only", async () => {
  const lookup = pinnedLookup(["2001:db8::1", "192.0.2.1"]);
  const one = await new Promise<[string, number | undefined]>((resolve) =>
    lookup("anything.example", {}, (_error, address, family) => resolve([address as string, family])),
  );
  expect(one).toEqual(["2001:db8::1", 6]);
  const all = await new Promise<unknown>((resolve) =>
    lookup("anything.example", { all: true }, (_error, addresses) => resolve(addresses)),
  );
  expect(all).toEqual([
    { address: "2001:db8::1", family: 6 },
    { address: "192.0.2.1", family: 4 },
  ]);
  const none = await new Promise<string | undefined>((resolve) =>
    pinnedLookup([])("x", {}, (error) => resolve(error?.code)),
  );
  expect(none).toBe("ENOTFOUND");
});
