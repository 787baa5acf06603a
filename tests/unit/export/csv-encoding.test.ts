import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EXPORT_COLUMNS, type ExportRow } from "@/lib/export/columns";
import { encodeCsv } from "@/lib/export/encoders";
import { rowArb } from "./export-row-arbitrary";

const COLUMN_NAMES = EXPORT_COLUMNS.map(([name]) => name);

/** The CSV the export wrote with csv-stringify before it had its own encoder. */
function libraryCsv(rows: ExportRow[]): string {
  const flat = rows.map((row) => ({
    ...row,
    categories: row.categories.join("|"),
    tags_a: row.tags_a.join("|"),
    tags_b: row.tags_b.join("|"),
    tag_times_a_ms: row.tag_times_a_ms.join("|"),
    tag_times_b_ms: row.tag_times_b_ms.join("|"),
    tags_c: row.tags_c.join("|"),
    tags_d: row.tags_d.join("|"),
    tag_times_c_ms: row.tag_times_c_ms.join("|"),
    tag_times_d_ms: row.tag_times_d_ms.join("|"),
  }));
  return `${COLUMN_NAMES.join(",")}\n${stringify(flat, { columns: COLUMN_NAMES, cast: { boolean: (v) => String(v) } })}`;
}

async function encodedCsv(rows: ExportRow[]): Promise<string> {
  // Two pages, each arriving on its own turn as from the database.
  async function* pages() {
    for (const page of [rows.slice(0, 3), rows.slice(3)]) yield await Promise.resolve(page);
  }
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of encodeCsv(pages())) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

describe("CSV encoder", () => {
  test("writes byte for byte what csv-stringify wrote", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 8 }), async (rows) => {
        expect(await encodedCsv(rows)).toBe(libraryCsv(rows));
      }),
      { numRuns: 2_000 },
    );
  });
});
