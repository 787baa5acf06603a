import { stringify } from "csv-stringify/sync";
import { ByteWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { EXPORT_COLUMNS, type ExportRow } from "./columns";

type Rows = AsyncIterable<ExportRow[]>;

const encoder = new TextEncoder();
const COLUMN_NAMES = EXPORT_COLUMNS.map(([name]) => name);

/** A row with its list fields joined by "|", for the flat formats. */
function flatten(row: ExportRow): Record<string, string | number | boolean | null> {
  return { ...row, categories: row.categories.join("|"), tags_a: row.tags_a.join("|"), tags_b: row.tags_b.join("|") };
}

/** CSV with a header row (RFC 4180 quoting by csv-stringify). */
export async function* encodeCsv(rows: Rows): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${COLUMN_NAMES.join(",")}\n`);
  for await (const page of rows) {
    yield encoder.encode(stringify(page.map(flatten), { columns: COLUMN_NAMES, cast: { boolean: (v) => String(v) } }));
  }
}

/** One JSON object per line; list fields stay arrays. */
export async function* encodeJsonLines(rows: Rows): AsyncGenerator<Uint8Array> {
  for await (const page of rows) yield encoder.encode(page.map((row) => `${JSON.stringify(row)}\n`).join(""));
}

const PARQUET_TYPE = { string: "STRING", double: "DOUBLE", int: "INT32", boolean: "BOOLEAN" } as const;

/**
 * Parquet, one row group per page of votes, written as it goes: the writer hands over its bytes
 * after each row group instead of holding the file, so memory stays at one page.
 */
export async function* encodeParquet(rows: Rows): AsyncGenerator<Uint8Array> {
  const writer = new ByteWriter();
  const take = () => {
    const bytes = new Uint8Array(writer.buffer.slice(0, writer.index));
    writer.index = 0; // `offset` keeps counting, so file positions stay right
    return bytes;
  };
  const columnsOf = (page: ExportRow[]) =>
    EXPORT_COLUMNS.map(([name, type]) => ({
      name,
      type: PARQUET_TYPE[type],
      nullable: true,
      data: page.map((row) => flatten(row)[name] ?? null),
    }));
  const parquet = new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData: columnsOf([]) }) });
  yield take();
  for await (const page of rows) {
    await parquet.write({ columnData: columnsOf(page), rowGroupSize: page.length });
    yield take();
  }
  await parquet.finish();
  yield take();
}

export const ENCODERS = {
  csv: { encode: encodeCsv, contentType: "text/csv; charset=utf-8" },
  jsonl: { encode: encodeJsonLines, contentType: "application/x-ndjson; charset=utf-8" },
  parquet: { encode: encodeParquet, contentType: "application/vnd.apache.parquet" },
} as const;
