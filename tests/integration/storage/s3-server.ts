import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { S3MediaStore } from "@/lib/storage/s3-media";

/** A running S3-compatible server (s3rver, on a free local port, files in a temporary folder). */
export interface S3Server {
  store: () => S3MediaStore;
  endpoint: string;
  close: () => Promise<void>;
}

const BUCKET = "clip-arena-test";

/**
 * Starts s3rver with one bucket. It checks SigV4 signatures against its one account
 * (S3RVER / S3RVER), so requests go through the same signing as against AWS, MinIO or R2.
 */
export async function startS3Server(): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    store: () =>
      new S3MediaStore({
        endpoint,
        bucket: BUCKET,
        region: "us-east-1",
        accessKeyId: "S3RVER",
        secretAccessKey: "S3RVER",
      }),
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
