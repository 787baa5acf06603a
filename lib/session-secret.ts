import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env";

const SECRET_FILE = path.resolve("data", "session-secret");
let cached: string | undefined;

/**
 * The secret that signs cookies and hashes addresses: SESSION_SECRET when set (required when
 * several instances share one database), else one generated on first use and kept in data/, so a
 * single machine needs no setup.
 */
export function getSessionSecret(): string {
  cached ??= getEnv().SESSION_SECRET ?? readOrCreateSecretFile();
  return cached;
}

function readOrCreateSecretFile(): string {
  try {
    return fs.readFileSync(SECRET_FILE, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // "wx" fails if another process won the race; then its secret is the one to use.
    try {
      fs.writeFileSync(SECRET_FILE, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(SECRET_FILE, "utf8").trim();
    }
  }
}
