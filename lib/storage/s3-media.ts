import fs from "node:fs";
import { Readable } from "node:stream";
import { AwsClient } from "aws4fetch";
import { type ByteSource, sourceFromStream } from "./byte-source";
import { type MediaFolder, type MediaStore, newMediaKey } from "./media-store";
import { sliceStream } from "./slice-stream";

export interface S3Settings {
  /** The service's base URL, e.g. https://s3.eu-west-1.amazonaws.com or a MinIO/R2 endpoint. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2…), for deployments where
 * several app machines serve the same files. Requests are signed with SigV4 by aws4fetch, a
 * tiny, dependency-free signer, rather than the whole AWS SDK. Path-style URLs work on every
 * S3-compatible service.
 */
export class S3MediaStore implements MediaStore {
  private readonly client: AwsClient;

  constructor(private readonly settings: S3Settings) {
    this.client = new AwsClient({
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      region: settings.region,
      service: "s3",
    });
  }

  private urlOf(key: string): string {
    return `${this.settings.endpoint.replace(/\/$/, "")}/${this.settings.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
  }

  private async request(key: string, init: RequestInit, allowMissing = false): Promise<Response | null> {
    const response = await this.client.fetch(this.urlOf(key), init);
    if (allowMissing && response.status === 404) return null;
    if (!response.ok) throw new Error(`S3 ${init.method ?? "GET"} ${key}: HTTP ${response.status}`);
    return response;
  }

  async putFile(source: string, folder: MediaFolder, extension: string, mimeType: string): Promise<string> {
    const key = newMediaKey(folder, extension);
    const { size } = await fs.promises.stat(source);
    await this.request(key, {
      method: "PUT",
      body: Readable.toWeb(fs.createReadStream(source)) as ReadableStream,
      headers: { "Content-Type": mimeType, "Content-Length": String(size) },
      // Node's fetch needs this to stream a request body.
      duplex: "half",
    } as RequestInit);
    return key;
  }

  async sizeOf(key: string): Promise<number | null> {
    const response = await this.request(key, { method: "HEAD" }, true);
    return response ? Number(response.headers.get("content-length")) : null;
  }

  async openRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
    const response = await this.request(key, { headers: { Range: `bytes=${start}-${end}` } });
    if (!response?.body) throw new Error(`S3 GET ${key}: empty body`);
    // A 206 starts at `start`; a 200 (Range ignored) at 0. Either way yield exactly start..end.
    const skip = response.status === 206 ? 0 : start;
    return sliceStream(response.body, skip, end - start + 1);
  }

  async openSource(key: string, start: number, end: number): Promise<ByteSource> {
    return sourceFromStream(await this.openRange(key, start, end), end - start + 1);
  }

  async remove(key: string): Promise<void> {
    await this.request(key, { method: "DELETE" }, true);
  }
}
