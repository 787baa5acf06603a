import fs from "node:fs";

export type VideoType = { mimeType: "video/mp4" | "video/webm" | "video/quicktime"; extension: "mp4" | "webm" | "mov" };
export type ImageType = { mimeType: "image/png" | "image/jpeg" | "image/webp"; extension: "png" | "jpg" | "webp" };

/** The first bytes of a file, enough to recognise its container. */
export function readHead(file: string, bytes = 32): Buffer {
  const handle = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(bytes);
    const read = fs.readSync(handle, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * The video container of a file from its bytes, never its name: WebM (EBML header), MP4 or MOV
 * (an ISO-BMFF `ftyp` box, `qt  ` brand for QuickTime). Null for anything else.
 */
export function sniffVideo(head: Buffer): VideoType | null {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return { mimeType: "video/webm", extension: "webm" };
  if (head.length >= 12 && head.toString("latin1", 4, 8) === "ftyp") {
    return head.toString("latin1", 8, 12) === "qt  "
      ? { mimeType: "video/quicktime", extension: "mov" }
      : { mimeType: "video/mp4", extension: "mp4" };
  }
  if (head.length >= 8 && ["moov", "mdat", "wide"].includes(head.toString("latin1", 4, 8)))
    return { mimeType: "video/quicktime", extension: "mov" };
  return null;
}

/** PNG, JPEG or WebP from the file's bytes; null for anything else. */
export function sniffImage(head: Buffer): ImageType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { mimeType: "image/png", extension: "png" };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { mimeType: "image/jpeg", extension: "jpg" };
  if (head.length >= 12 && head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP")
    return { mimeType: "image/webp", extension: "webp" };
  return null;
}
