import type { z } from "zod";
import { ApiError } from "../errors";

/** Largest JSON body the API accepts, in bytes. */
export const MAX_BODY_BYTES = 4 * 1024;

/**
 * Reads a JSON body of at most MAX_BODY_BYTES and validates it. Over the limit → 413; not JSON → 400;
 * an empty body is read as `{}` so endpoints whose fields are all optional accept it.
 */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimitedText(request);
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
    }
  }
  return schema.parse(json);
}

async function readLimitedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(): ApiError {
  return new ApiError(413, "body_too_large", `The request body is over ${MAX_BODY_BYTES} bytes.`);
}
