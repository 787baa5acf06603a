import { BlockList, isIP } from "node:net";

/**
 * An address in the form Node reports it, with IPv4-mapped IPv6 (`::ffff:192.0.2.1`) written as
 * plain IPv4, so one rule covers a peer seen on an IPv4 and on a dual-stack socket. Returns null
 * for text that is not an IP address.
 */
export function normaliseAddress(text: string): string | null {
  const trimmed = text.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  const address = mapped?.[1] ?? trimmed;
  return isIP(address) ? address : null;
}

/** The family of an IP address ("ipv4" / "ipv6") as BlockList wants it. */
export function addressFamily(address: string): "ipv4" | "ipv6" {
  return isIP(address) === 6 ? "ipv6" : "ipv4";
}

/**
 * A comma-separated list of CIDR blocks (`10.0.0.0/8, fd00::/8`) or single addresses as a
 * BlockList; throws an Error naming the first entry that is neither. An empty text is an empty list.
 */
export function parseCidrList(text: string): BlockList {
  const list = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim())) {
    if (!entry) continue;
    const [base = "", prefixText, extra] = entry.split("/");
    const address = normaliseAddress(base);
    if (!address || extra !== undefined) throw new Error(`not a CIDR block: ${entry}`);
    const family = addressFamily(address);
    const maxPrefix = family === "ipv4" ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText ?? String(maxPrefix)) || prefix > maxPrefix)
      throw new Error(`not a CIDR block: ${entry}`);
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/** Whether a list holds an address (IPv4-mapped IPv6 counts as its IPv4 address). */
export function listHolds(list: BlockList, text: string): boolean {
  const address = normaliseAddress(text);
  return address !== null && list.check(address, addressFamily(address));
}
