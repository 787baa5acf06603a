const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
};

/** The MIME type of a stored start image, from the extension the app itself gave its key. */
export function imageMimeType(key: string): string {
  return IMAGE_TYPES[key.split(".").pop() ?? ""] ?? "application/octet-stream";
}
