import fc from "fast-check";
import { parquetReadObjects } from "hyparquet";
import { describe, expect, test } from "vitest";
import { EXPORT_COLUMNS, type ExportRow } from "@/lib/export/columns";
import { encodeJsonLines, encodeParquet } from "@/lib/export/encoders";
import { rowArb } from "./export-row-arbitrary";

/** Rows as pages (the database's unit), each arriving on its own turn. */
async function* pagesOf(rows: ExportRow[], pageSize: number) {
  for (let i = 0; i < rows.length; i += pageSize) yield await Promise.resolve(rows.slice(i, i + pageSize));
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

// JSON has one zero; a row's -0 comes back as 0.
const jsonSafeRowArb = rowArb.map((row) => ({ ...row, tstamp: row.tstamp === 0 ? 0 : row.tstamp }));

describe("JSONL encoder", () => {
  test("one JSON object per line that parses back to the row, lists as arrays, whatever the paging", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonSafeRowArb, { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (rows, pageSize) => {
          const text = new TextDecoder().decode(await collect(encodeJsonLines(pagesOf(rows, pageSize))));
          const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
          expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** What the flat formats hold for a row: list fields joined by "|". */
function flattened(row: ExportRow): Record<string, unknown> {
  return Object.fromEntries(
    EXPORT_COLUMNS.map(([name]) => {
      const value = row[name];
      return [name, Array.isArray(value) ? value.join("|") : value];
    }),
  );
}

describe("Parquet encoder", () => {
  test("a file a Parquet reader reads back to the flattened rows, in order, whatever the paging", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        async (rows, pageSize) => {
          const bytes = await collect(encodeParquet(pagesOf(rows, pageSize)));
          const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
          const read = (await parquetReadObjects({ file })) as Record<string, unknown>[];
          expect(read).toEqual(rows.map(flattened));
        },
      ),
      { numRuns: 40 },
    );
  });

  test("an export with no votes is still a valid Parquet file with every column", async () => {
    const bytes = await collect(encodeParquet(pagesOf([], 1)));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(await parquetReadObjects({ file })).toEqual([]);
  });
});
