import { createHmac } from "node:crypto";

/** Salted hash of a client address: lets integrity checks group bursts without storing the address. */
export function hashAddress(address: string, secret: string): string {
  return createHmac("sha256", secret).update(`addr:${address}`).digest("base64url").slice(0, 22);
}
