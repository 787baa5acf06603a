import { BlockList, isIP } from "node:net";

/**
 * Address blocks that are not the public Internet, after IANA's special-purpose address
 * registries (RFC 6890 and its updates): this host, private networks (RFC 1918, fc00::/7),
 * shared address space, loopback, link-local, documentation, benchmarking, multicast, reserved,
 * and the IPv6 ranges that embed an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo) so an IPv4
 * rule cannot be dodged by writing the address in IPv6.
 */
const NON_PUBLIC_V4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
];
const NON_PUBLIC_V6 = [
  "::/96", // unspecified, loopback and the deprecated IPv4-compatible form
  "::ffff:0:0/96",
  "64:ff9b::/96",
  "64:ff9b:1::/48",
  "100::/64",
  "2001::/23",
  "2001:db8::/32",
  "2002::/16",
  "fc00::/7",
  "fe80::/10",
  "fec0::/10",
  "ff00::/8",
];

// One list per family: a BlockList checks IPv4 addresses against IPv6 rules as mapped addresses.
function blockList(blocks: string[], family: "ipv4" | "ipv6"): BlockList {
  const list = new BlockList();
  for (const block of blocks) {
    const [base = "", prefix = ""] = block.split("/");
    list.addSubnet(base, Number(prefix), family);
  }
  return list;
}
const v4 = blockList(NON_PUBLIC_V4, "ipv4");
const v6 = blockList(NON_PUBLIC_V6, "ipv6");

/** Whether an IP address is on the public Internet (false for anything that is not an IP address). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !v4.check(address, "ipv4");
  if (family === 6) return !v6.check(address, "ipv6");
  return false;
}
