import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { LocalMediaStore } from "@/lib/storage/local-media";
import type { MediaStore } from "@/lib/storage/media-store";
import { startS3Server } from "./s3-server";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What every MediaStore driver must do; run here against the local driver and a real S3 server. */
function describeMediaStoreContract(name: string, make: () => MediaStore) {
  describe(`${name} media store`, () => {
    const source = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-src-")), "in.bin");
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    fs.writeFileSync(source, bytes);
    const store = make();

    test("stores a file under a fresh key it makes, and gives back its size and any byte range", async () => {
      const key = await store.putFile(source, "clips", "webm", "video/webm");
      expect(key).toMatch(/^clips\/[0-9a-f]{24}\.webm$/);
      expect(await store.putFile(source, "clips", "webm", "video/webm")).not.toBe(key);
      expect(await store.sizeOf(key)).toBe(bytes.length);
      expect(await readAll(await store.openRange(key, 0, bytes.length - 1))).toEqual(bytes);
      expect(await readAll(await store.openRange(key, 65_536, 65_600))).toEqual(bytes.subarray(65_536, 65_601));
      expect(await readAll(await store.openRange(key, 0, 0))).toEqual(bytes.subarray(0, 1));
      const last = bytes.length - 1;
      expect(await readAll(await store.openRange(key, last - 9, last))).toEqual(bytes.subarray(last - 9));
    });

    test("a removed or unknown key has no size, and removing twice is no error", async () => {
      const key = await store.putFile(source, "images", "png", "image/png");
      // Read first: the local store keeps files open between requests, and must drop this one.
      expect(await store.sizeOf(key)).toBe(bytes.length);
      await store.remove(key);
      await store.remove(key);
      expect(await store.sizeOf(key)).toBeNull();
      expect(await store.sizeOf("clips/000000000000000000000000.webm")).toBeNull();
    });

    test("refuses extensions that could smuggle a path", async () => {
      await expect(store.putFile(source, "clips", "../x", "video/webm")).rejects.toThrow(/extension/);
    });
  });
}

const roots: string[] = [];
describeMediaStoreContract("local", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-store-"));
  roots.push(root);
  return new LocalMediaStore(root);
});
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

const s3 = await startS3Server();
describeMediaStoreContract("S3 (s3rver)", () => s3.store());
afterAll(() => s3.close());

test("the local store never reads or writes outside its root, whatever the key", async () => {
  const store = new LocalMediaStore(fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-store-")));
  expect(() => store.pathOf("../outside.webm")).toThrow(/outside the store/);
  expect(() => store.pathOf("/etc/passwd")).toThrow(/outside the store/);
  await expect(store.remove("../../x")).rejects.toThrow(/outside the store/);
});
