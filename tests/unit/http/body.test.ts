import { describe, expect, test } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, readJsonBody } from "@/lib/http/body";

const schema = z.strictObject({ lang: z.enum(["zh", "en"]).optional() });
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/battles", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body streamed without Content-Length, as a chunked upload arrives. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(1024, bytes - sent)).fill(0x20);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe("readJsonBody", () => {
  test("parses and validates a JSON body", async () => {
    expect(await readJsonBody(post('{"lang":"zh"}'), schema)).toEqual({ lang: "zh" });
  });

  test("an empty or blank body reads as {}", async () => {
    expect(await readJsonBody(post(null), schema)).toEqual({});
    expect(await readJsonBody(post("  \n"), schema)).toEqual({});
  });

  test("text that is not JSON is a 400 invalid_json", async () => {
    await expect(readJsonBody(post("{lang:"), schema)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
  });

  test("JSON the schema refuses throws the schema's error (a 400 through the mapper)", async () => {
    await expect(readJsonBody(post('{"lang":"fr"}'), schema)).rejects.toMatchObject({ name: "ZodError" });
  });

  test("a declared or streamed body over the limit is a 413, whatever Content-Length claims", async () => {
    const declared = post("{}", { "content-length": String(MAX_BODY_BYTES + 1) });
    await expect(readJsonBody(declared, schema)).rejects.toMatchObject({ status: 413, code: "body_too_large" });
    await expect(readJsonBody(post(streamed(MAX_BODY_BYTES + 1)), schema)).rejects.toMatchObject({ status: 413 });
    expect(await readJsonBody(post(streamed(MAX_BODY_BYTES)), schema)).toEqual({});
  });
});
