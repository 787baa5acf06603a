import { createHash } from "node:crypto";
import fs from "node:fs";

/** SHA-256 of a file, streamed: how clips are recognised when the same file is imported again. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
