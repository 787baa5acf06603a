import { randomBytes } from "node:crypto";
import type { Env } from "../env";
import type { ByteSource } from "./byte-source";
import { LocalMediaStore } from "./local-media";
import { S3MediaStore } from "./s3-media";

/** The folders media live in: generated clips, prompts' start images and frozen dataset releases. */
export type MediaFolder = "clips" | "images" | "releases";

/**
 * Where clips and start images are kept. Keys are made by the store (a folder and random
 * name), never from user input, and never reach a voter.
 */
export interface MediaStore {
  /** Copies a local file into the store under a new key and returns the key. */
  putFile(source: string, folder: MediaFolder, extension: string, mimeType: string): Promise<string>;
  /** Size in bytes, or null when there is no such file. */
  sizeOf(key: string): Promise<number | null>;
  /** The bytes start..end (inclusive) of a stored file. */
  openRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>>;
  /** The same bytes read into the caller's buffers (what the file-serving path sends). */
  openSource(key: string, start: number, end: number): Promise<ByteSource>;
  /** Removes a file; removing a missing one is no error. */
  remove(key: string): Promise<void>;
}

/** A fresh key: `<folder>/<24 random hex>.<extension>`. */
export function newMediaKey(folder: MediaFolder, extension: string): string {
  if (!/^[a-z0-9]{1,7}$/.test(extension)) throw new Error(`bad media extension: ${extension}`);
  return `${folder}/${randomBytes(12).toString("hex")}.${extension}`;
}

/** The store the environment selects: MEDIA_DIR on local disk, or an S3-compatible bucket. */
export function createMediaStore(env: Env): MediaStore {
  if (env.STORAGE_DRIVER === "local") return new LocalMediaStore(env.MEDIA_DIR);
  // env.ts has checked that every S3 setting is present when the driver is s3.
  return new S3MediaStore({
    endpoint: env.S3_ENDPOINT as string,
    bucket: env.S3_BUCKET as string,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY as string,
  });
}
