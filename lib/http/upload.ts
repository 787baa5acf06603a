import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ApiError } from "../errors";

/** A multipart form: its text fields (repeated names become arrays) and at most one file. */
export interface UploadedForm {
  fields: Record<string, string | string[]>;
  /** The uploaded file in a temporary folder; call `discard` when done with it. */
  file?: { path: string; size: number };
  discard(): Promise<void>;
}

// A moderation page sends up to 50 vote ids at once, plus its action and reason.
const MAX_FIELDS = 100;
const MAX_FIELD_BYTES = 8 * 1024;

/** Which file a form may carry: its field name and size limit; none when omitted. */
export interface UploadRules {
  fileField: string;
  maxFileBytes: number;
}

/** busboy's parser for the form; a type it cannot parse (no boundary, another subtype) is a 400, not its throw. */
function multipartParser(contentType: string, rules: UploadRules | undefined): busboy.Busboy {
  try {
    return busboy({
      headers: { "content-type": contentType },
      limits: { files: 1, fileSize: rules?.maxFileBytes ?? 0, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    throw new ApiError(400, "invalid_request", "Send the form as multipart/form-data with a boundary.");
  }
}

/**
 * Streams a multipart/form-data request's file to a temporary file, never holding it in memory.
 * The client's file name is ignored entirely: stored names are made by the media store. An empty
 * file part (a file input left blank) counts as no file. Over the size limit → 413 and nothing
 * kept; not multipart (or without a boundary), an unexpected file or more than one → 400.
 */
export async function readUpload(request: Request, rules?: UploadRules): Promise<UploadedForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !request.body)
    throw new ApiError(400, "invalid_request", "Send the form as multipart/form-data.");
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "clip-arena-upload-"));
  const discard = () => fs.promises.rm(dir, { recursive: true, force: true });
  const fields: UploadedForm["fields"] = {};
  let file: UploadedForm["file"];
  try {
    const parser = multipartParser(contentType, rules);
    const writes: Promise<void>[] = [];
    let failure: ApiError | undefined;
    parser.on("field", (name, value) => {
      const previous = fields[name];
      fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    });
    parser.on("file", (name, stream) => {
      if (name !== rules?.fileField) {
        failure ??= new ApiError(400, "invalid_request", `This form takes no file "${name}".`);
        stream.resume();
        return;
      }
      const target = path.join(dir, randomBytes(8).toString("hex"));
      let size = 0;
      stream.on("data", (chunk: Buffer) => (size += chunk.length));
      stream.on("limit", () => {
        const limitMb = Math.round((rules?.maxFileBytes ?? 0) / 1024 / 1024);
        failure ??= new ApiError(413, "file_too_large", `The file is over ${limitMb} MB.`);
      });
      writes.push(
        pipeline(stream, fs.createWriteStream(target)).then(() => {
          if (size > 0) file = { path: target, size };
        }),
      );
    });
    parser.on("filesLimit", () => (failure ??= new ApiError(400, "invalid_request", "Send one file at a time.")));
    parser.on("fieldsLimit", () => (failure ??= new ApiError(400, "invalid_request", "Too many form fields.")));
    await pipeline(Readable.fromWeb(request.body as WebReadableStream), parser).catch(() => {
      failure ??= new ApiError(400, "invalid_request", "The form could not be read.");
    });
    await Promise.all(writes);
    if (failure) throw failure;
    return { fields, file, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}
