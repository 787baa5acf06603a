/**
 * The few ISO base media file format boxes (ISO/IEC 14496-12) the per-URL rewriter needs: a box
 * tree over a buffer, with the container boxes of a `moov` opened and everything else kept as
 * opaque bytes, and its serialisation back to bytes.
 */

/** One box: its four-character type and either its children (a container) or its payload. */
export interface Mp4Box {
  type: string;
  /** Payload after the header (size, type and, for 64-bit sizes, largesize); null for containers. */
  payload: Buffer | null;
  children: Mp4Box[];
}

/** Boxes whose payload is nothing but boxes (§8.2–§8.7), the path from `moov` to the sample tables. */
const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "edts", "dinf"]);

/** Thrown for bytes that are not a well-formed box sequence. */
export class Mp4FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Mp4FormatError";
  }
}

/** A top-level box's place in the file: where it starts, its header length and its total size. */
export interface Mp4BoxPosition {
  type: string;
  offset: number;
  headerBytes: number;
  size: number;
}

/**
 * Reads the box header at `offset` of `bytes` (§4.2: 32-bit size, type, optional 64-bit size;
 * size 0 means "to the end of the file", `fileSize`). Null when fewer than 16 header bytes remain.
 */
export function readBoxHeader(bytes: Buffer, offset: number, fileSize: number): Mp4BoxPosition | null {
  if (offset + 8 > bytes.length) return null;
  const small = bytes.readUInt32BE(offset);
  const type = bytes.toString("latin1", offset + 4, offset + 8);
  if (small === 1) {
    if (offset + 16 > bytes.length) return null;
    const large = Number(bytes.readBigUInt64BE(offset + 8));
    return { type, offset, headerBytes: 16, size: large };
  }
  const size = small === 0 ? fileSize - offset : small;
  if (size < 8) throw new Mp4FormatError(`box ${type} at ${offset} has size ${size}`);
  return { type, offset, headerBytes: 8, size };
}

/** Parses `bytes` as a sequence of boxes, opening the containers listed above. */
export function parseBoxes(bytes: Buffer): Mp4Box[] {
  const boxes: Mp4Box[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const header = readBoxHeader(bytes, offset, bytes.length);
    if (!header || offset + header.size > bytes.length)
      throw new Mp4FormatError(`truncated box at ${offset} of ${bytes.length}`);
    const body = bytes.subarray(offset + header.headerBytes, offset + header.size);
    boxes.push(
      CONTAINERS.has(header.type)
        ? { type: header.type, payload: null, children: parseBoxes(body) }
        : { type: header.type, payload: body, children: [] },
    );
    offset += header.size;
  }
  return boxes;
}

/** The first child of `box` with this type. */
export function childBox(box: Mp4Box, type: string): Mp4Box | undefined {
  return box.children.find((child) => child.type === type);
}

/** The box at a path of types below `box` (e.g. `["mdia", "minf", "stbl"]`). */
export function boxAt(box: Mp4Box, path: readonly string[]): Mp4Box | undefined {
  let current: Mp4Box | undefined = box;
  for (const type of path) current = current && childBox(current, type);
  return current;
}

/** The bytes of a box tree: 32-bit sizes (a box over 4 GiB gets a 64-bit size). */
export function serializeBox(box: Mp4Box): Buffer {
  const body = box.payload ?? Buffer.concat(box.children.map(serializeBox));
  const large = body.length + 8 > 0xffff_ffff;
  const header = Buffer.alloc(large ? 16 : 8);
  header.writeUInt32BE(large ? 1 : body.length + 8, 0);
  header.write(box.type, 4, "latin1");
  if (large) header.writeBigUInt64BE(BigInt(body.length + 16), 8);
  return Buffer.concat([header, body]);
}
