import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SECRET_FILE = path.resolve("data", "session-secret");
/**
 * The secret that signs cookies and hashes addresses: `configured` (SESSION_SECRET, required when
 * several instances share one database) when set, else one generated on first use and kept in
 * data/session-secret, so a single machine needs no setup. A server reads it once, through
 * getSessionSecret (lib/http/app-context.ts).
 */
export function resolveSessionSecret(configured: string | undefined): string {
  return configured ?? readOrCreateSecretFile();
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
