import type { IncomingMessage } from "node:http";
import { expect, test } from "vitest";
import { REQUEST_HOST_HEADER } from "@/lib/auth/csrf-header";
import { parseEnv } from "@/lib/env";
import { parseCidrList } from "@/lib/cidr";
import {
  clientAddressFromHeader,
  declareAddressStamping,
  resolveClientAddress,
  STAMPING_ENV,
  stampRequestHost,
} from "@/lib/http/request-info";

const none = parseCidrList("");
const proxies = parseCidrList("10.0.0.0/8, 192.0.2.7, fd00::/8");

test("with no trusted proxies the client is the socket peer, whatever X-Forwarded-For says", () => {
  expect(resolveClientAddress("198.51.100.4", "1.2.3.4", none)).toBe("198.51.100.4");
  expect(resolveClientAddress("::ffff:198.51.100.4", undefined, none)).toBe("198.51.100.4");
  expect(resolveClientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
});

test("X-Forwarded-For is walked right to left only through trusted hops", () => {
  // Peer is a trusted proxy: its entry (the rightmost) is the client.
  expect(resolveClientAddress("10.1.2.3", "203.0.113.9", proxies)).toBe("203.0.113.9");
  // A client-supplied entry to the left of an untrusted hop is never reached.
  expect(resolveClientAddress("10.1.2.3", "1.1.1.1, 203.0.113.9", proxies)).toBe("203.0.113.9");
  // Two trusted proxies in a row (IPv4-mapped peer, single address entry).
  expect(resolveClientAddress("::ffff:10.0.0.1", "203.0.113.9, 192.0.2.7", proxies)).toBe("203.0.113.9");
  // IPv6 proxy and client.
  expect(resolveClientAddress("fd12::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
  // Every hop trusted: the leftmost entry.
  expect(resolveClientAddress("10.0.0.1", "10.0.0.2, 10.0.0.3", proxies)).toBe("10.0.0.2");
  // A junk entry stops the walk at the last good hop.
  expect(resolveClientAddress("10.0.0.1", "203.0.113.9, not-an-ip", proxies)).toBe("10.0.0.1");
  // An untrusted peer's forwarded header is ignored.
  expect(resolveClientAddress("198.51.100.4", "203.0.113.9", proxies)).toBe("198.51.100.4");
});

test("TRUSTED_PROXIES is validated at start-up with one line naming the bad entry", () => {
  expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.0/8, ::1/128" }).TRUSTED_PROXIES).toBe("10.0.0.0/8, ::1/128");
  expect(parseEnv({}).TRUSTED_PROXIES).toBe("");
  for (const bad of ["10.0.0.0/33", "::/129", "example.org", "10.0.0.0/8/1", "10.0.0.0/x"])
    expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES: not a CIDR block/);
});

test("the host the Origin check compares with is X-Forwarded-Host only from a trusted proxy", () => {
  const stamped = (peer: string, headers: Record<string, string>, trusted = proxies) => {
    const incoming = { headers: { ...headers }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
    stampRequestHost(incoming, trusted);
    return incoming.headers[REQUEST_HOST_HEADER];
  };
  const spoof = { host: "arena.example", "x-forwarded-host": "evil.example" };
  expect(stamped("198.51.100.4", spoof)).toBe("arena.example");
  expect(stamped("10.1.2.3", spoof, none)).toBe("arena.example");
  expect(stamped("10.1.2.3", spoof)).toBe("evil.example");
  expect(stamped("::ffff:10.1.2.3", { host: "internal:3000", "x-forwarded-host": "arena.example, other" })).toBe(
    "arena.example",
  );
  // A copy the client sent itself is replaced.
  expect(stamped("198.51.100.4", { host: "arena.example", [REQUEST_HOST_HEADER]: "evil.example" })).toBe(
    "arena.example",
  );
});

test("the stamped header is believed only once a front door has declared that it stamps every request", () => {
  const saved = process.env[STAMPING_ENV];
  try {
    delete process.env[STAMPING_ENV];
    // A bare `next start`: the header is whatever the client sent.
    expect(clientAddressFromHeader("203.0.113.9")).toBe("unknown");
    declareAddressStamping();
    expect(clientAddressFromHeader("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddressFromHeader("not an address")).toBe("unknown");
  } finally {
    if (saved === undefined) delete process.env[STAMPING_ENV];
    else process.env[STAMPING_ENV] = saved;
  }
});
