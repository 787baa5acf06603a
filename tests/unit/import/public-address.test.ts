import { expect, test } from "vitest";
import { isPublicAddress } from "@/lib/import/public-address";

test("public addresses pass", () => {
  for (const address of ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])
    expect(isPublicAddress(address), address).toBe(true);
});

test("loopback, private, link-local, reserved and IPv4-embedding IPv6 addresses are refused", () => {
  for (const address of [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254", // cloud metadata
    "100.64.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "not-an-address",
    "",
  ])
    expect(isPublicAddress(address), address).toBe(false);
});
