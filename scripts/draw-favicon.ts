// npm run icons:favicon: draws app/favicon.ico (16, 32 and 48 px) from the brand mark in
// app/icon.svg, so browsers and crawlers that ask for /favicon.ico find it. No image library: the
// mark is a rounded square and two triangles, rasterised here with 8×8 supersampling, each size
// stored as a PNG inside the ICO (ICO format with PNG entries, supported since Windows Vista).
// Re-run after changing app/icon.svg and commit both.
import fs from "node:fs";
import zlib from "node:zlib";

const SOURCE = "app/icon.svg";
const TARGET = "app/favicon.ico";
const SIZES = [16, 32, 48];
const SUPERSAMPLING = 8;

type Rgb = [number, number, number];
type Point = [number, number];

interface Mark {
  viewBox: number;
  background: { color: Rgb; radius: number };
  shapes: { points: Point[]; color: Rgb; opacity: number }[];
}

function parseColor(hex: string): Rgb {
  const full = hex.length === 4 ? [...hex.slice(1)].map((digit) => digit + digit).join("") : hex.slice(1);
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as Rgb;
}

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** Reads the one rounded rect and the polygon paths (M x y x y … Z) that app/icon.svg is made of. */
function readMark(svg: string): Mark {
  const viewBox = Number(attribute(svg, "viewBox")?.split(/\s+/)[2]);
  const rect = /<rect\b[^>]*>/.exec(svg)?.[0];
  if (!rect || !viewBox) throw new Error(`${SOURCE}: expected a viewBox and a background <rect>`);
  const shapes = [...svg.matchAll(/<path\b[^>]*>/g)].map(([path]) => {
    const numbers = (attribute(path, "d") ?? "")
      .replace(/[MLZ]/gi, " ")
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    const points: Point[] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i]!, numbers[i + 1]!]);
    if (points.length < 3 || points.some((point) => point.some(Number.isNaN)))
      throw new Error(`${SOURCE}: only polygon paths (M x y x y … Z) are supported`);
    return {
      points,
      color: parseColor(attribute(path, "fill") ?? "#000"),
      opacity: Number(attribute(path, "fill-opacity") ?? 1),
    };
  });
  return {
    viewBox,
    background: { color: parseColor(attribute(rect, "fill") ?? "#000"), radius: Number(attribute(rect, "rx") ?? 0) },
    shapes,
  };
}

/** Even-odd point-in-polygon test (ray casting). */
function inside([x, y]: Point, polygon: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function insideRoundedSquare([x, y]: Point, side: number, radius: number): boolean {
  const dx = Math.max(radius - x, 0, x - (side - radius));
  const dy = Math.max(radius - y, 0, y - (side - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/** RGBA pixels of the mark at `size` px, straight (non-premultiplied) alpha. */
function rasterise(mark: Mark, size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const step = mark.viewBox / size / SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const point: Point = [(px * SUPERSAMPLING + sx + 0.5) * step, (py * SUPERSAMPLING + sy + 0.5) * step];
          if (!insideRoundedSquare(point, mark.viewBox, mark.background.radius)) continue;
          let color: Rgb = mark.background.color;
          for (const shape of mark.shapes) {
            if (!inside(point, shape.points)) continue;
            color = color.map((value, c) => value * (1 - shape.opacity) + shape.color[c]! * shape.opacity) as Rgb;
          }
          sum[0]! += color[0];
          sum[1]! += color[1];
          sum[2]! += color[2];
          sum[3]! += 1;
        }
      }
      const covered = sum[3]!;
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      pixels[at] = Math.round(sum[0]! / covered);
      pixels[at + 1] = Math.round(sum[1]! / covered);
      pixels[at + 2] = Math.round(sum[2]! / covered);
      pixels[at + 3] = Math.round((255 * covered) / SUPERSAMPLING ** 2);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (ISO 3309, PNG spec §5.5). */
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (PNG spec: IHDR colour type 6, filter 0 on every row). */
function encodePng(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** ICONDIR + one ICONDIRENTRY per image, then the PNGs (Microsoft "Icons" reference). */
function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    directory.writeUInt8(size % 256, entry);
    directory.writeUInt8(size % 256, entry + 1);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...images.map(({ png }) => png)]);
}

const mark = readMark(fs.readFileSync(SOURCE, "utf8"));
const ico = encodeIco(SIZES.map((size) => ({ size, png: encodePng(rasterise(mark, size), size) })));
fs.writeFileSync(TARGET, ico);
console.log(`${TARGET}: ${SIZES.join(", ")} px, ${ico.length} bytes`);
