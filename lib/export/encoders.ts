import { ByteWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { EXPORT_COLUMNS, type ExportRow } from "./columns";

type Rows = AsyncIterable<ExportRow[]>;
type FlatValue = string | number | boolean | null;

const encoder = new TextEncoder();
const COLUMN_NAMES = EXPORT_COLUMNS.map(([name]) => name);

/** A field for the flat formats: list fields joined by "|". */
function flatValue(value: ExportRow[keyof ExportRow]): FlatValue {
  return Array.isArray(value) ? value.join("|") : value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field, RFC 4180: quoted (with quotes doubled) only when it holds a quote, comma or line
 * break; null is empty. Byte for byte what csv-stringify's defaults wrote, at a fraction of the
 * cost (its generic per-field path lookup and casting dominated the export).
 */
function csvField(value: FlatValue): string {
  if (typeof value !== "string") return value === null ? "" : String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record, columns in export order, ending in "\n". */
function csvRecord(row: ExportRow): string {
  let record = "";
  let separator = "";
  for (const name of COLUMN_NAMES) {
    record += separator + csvField(flatValue(row[name]));
    separator = ",";
  }
  return `${record}\n`;
}

/** CSV with a header row; one chunk per page of votes. */
export async function* encodeCsv(rows: Rows): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${COLUMN_NAMES.join(",")}\n`);
  for await (const page of rows) {
    let text = "";
    for (const row of page) text += csvRecord(row);
    yield encoder.encode(text);
  }
}

/** One JSON object per line; list fields stay arrays. */
export async function* encodeJsonLines(rows: Rows): AsyncGenerator<Uint8Array> {
  for await (const page of rows) {
    let text = "";
    for (const row of page) text += `${JSON.stringify(row)}\n`;
    yield encoder.encode(text);
  }
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
      data: page.map((row) => flatValue(row[name])),
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
