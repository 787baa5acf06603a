/**
 * The Unicode code points a font file draws: its `cmap` table read from the raw bytes of an
 * OpenType/TrueType font (a single font, not a collection). Reads the Windows Unicode subtables,
 * format 12 (full repertoire, platform 3 encoding 10) when present, else format 4 (BMP, platform 3
 * encoding 1); a code point mapped to glyph 0 (.notdef) is not drawn. Source: the OpenType
 * specification, "cmap — Character to Glyph Index Mapping Table"
 * (https://learn.microsoft.com/typography/opentype/spec/cmap). Throws on a file without such a table.
 */
export function fontCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, "cmap");
  const subtables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    subtables.set(`${view.getUint16(record)}/${view.getUint16(record + 2)}`, cmap + view.getUint32(record + 4));
  }
  const full = subtables.get("3/10");
  if (full !== undefined && view.getUint16(full) === 12) return format12(view, full);
  const bmp = subtables.get("3/1");
  if (bmp !== undefined && view.getUint16(bmp) === 4) return format4(view, bmp);
  throw new Error("The font has no Windows Unicode cmap subtable (format 12 or 4).");
}

function tableOffset(view: DataView, tag: string): number {
  if (view.getUint32(0) === 0x74746366) throw new Error("A font collection (.ttc): subset one font first.");
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(...[0, 1, 2, 3].map((k) => view.getUint8(record + k)));
    if (name === tag) return view.getUint32(record + 8);
  }
  throw new Error(`The font has no ${tag} table.`);
}

function format12(view: DataView, at: number): Set<number> {
  const points = new Set<number>();
  for (let g = 0; g < view.getUint32(at + 12); g++) {
    const group = at + 16 + g * 12;
    const [start, end, glyph] = [view.getUint32(group), view.getUint32(group + 4), view.getUint32(group + 8)];
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
  }
  return points;
}

function format4(view: DataView, at: number): Set<number> {
  const points = new Set<number>();
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const [start, end] = [view.getUint16(starts + s * 2), view.getUint16(ends + s * 2)];
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const index = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
  return points;
}
