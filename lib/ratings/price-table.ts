/**
 * The price table a leaderboard's cost columns are computed with (issue 34): per model, the price
 * per second of video (USD) and the typical generation time in force, each with the day it was
 * stated and its source, and per model × category the mean delivered clip length the price was
 * applied to. A release carries it as prices.csv; `npm run ratings -- FILE --prices prices.csv`
 * reads it back (parsePriceTable). Pure: no database.
 */

/** A dated, sourced value. */
export interface DatedFact {
  value: number;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** http(s) URL. */
  sourceUrl: string;
}

/** One row of the price table. */
export interface PriceRow {
  /** Model slug. */
  model: string;
  /** "overall" or a category slug. */
  category: string;
  /** USD per second of video; null when unknown. */
  pricePerSecond: DatedFact | null;
  /** Typical seconds to generate one clip; null when unknown. */
  generationSeconds: DatedFact | null;
  /** Mean delivered length, seconds, of the model's shown clips in the category; null when none was shown. */
  clipSeconds: number | null;
}

/** prices.csv's columns, in order. */
export const PRICE_TABLE_COLUMNS = [
  "model",
  "category",
  "price_usd_per_second",
  "price_date",
  "price_source",
  "generation_seconds",
  "generation_date",
  "generation_source",
  "clip_seconds",
] as const;

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const cell = (value: number | string | null | undefined) => (value == null ? "" : quote(String(value)));

/** The table as CSV (RFC 4180, header first, blank cells for unknown values). */
export function formatPriceTable(rows: readonly PriceRow[]): string {
  const lines = [PRICE_TABLE_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.model,
        r.category,
        r.pricePerSecond?.value,
        r.pricePerSecond?.date,
        r.pricePerSecond?.sourceUrl,
        r.generationSeconds?.value,
        r.generationSeconds?.date,
        r.generationSeconds?.sourceUrl,
        r.clipSeconds,
      ]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Splits RFC 4180 CSV text into records of fields. */
function splitCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (record.some((f) => f !== "")) records.push(record);
    record = [];
    field = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      endRecord();
    } else field += c;
  }
  endRecord();
  return records;
}

/**
 * Reads a price table written by formatPriceTable (or by hand with the same header; `category`
 * and `clip_seconds` may be left out). Throws an Error naming the line and column of a bad value:
 * a negative or non-numeric number, a date not YYYY-MM-DD, a source that is not an http(s) URL.
 */
export function parsePriceTable(text: string): PriceRow[] {
  const [header, ...records] = splitCsv(text.replace(/^\uFEFF/, ""));
  if (!header) return [];
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  for (const required of ["model", "price_usd_per_second", "generation_seconds"])
    if (!at.has(required)) throw new Error(`prices: missing column ${required}`);
  return records.map((record, index) => {
    const line = index + 2;
    const get = (column: string) => (at.has(column) ? (record[at.get(column) as number] ?? "").trim() : "");
    const number = (column: string): number | null => {
      const raw = get(column);
      if (raw === "") return null;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`prices line ${line}: ${column} must be a number ≥ 0, got "${raw}"`);
      return value;
    };
    const fact = (valueColumn: string, dateColumn: string, sourceColumn: string): DatedFact | null => {
      const value = number(valueColumn);
      if (value === null) return null;
      const [date, sourceUrl] = [get(dateColumn), get(sourceColumn)];
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new Error(`prices line ${line}: ${dateColumn} must be YYYY-MM-DD, got "${date}"`);
      if (sourceUrl && !/^https?:\/\//i.test(sourceUrl))
        throw new Error(`prices line ${line}: ${sourceColumn} must be an http(s) URL`);
      return { value, date, sourceUrl };
    };
    const model = get("model");
    if (!model) throw new Error(`prices line ${line}: model is empty`);
    return {
      model,
      category: get("category") || "overall",
      pricePerSecond: fact("price_usd_per_second", "price_date", "price_source"),
      generationSeconds: fact("generation_seconds", "generation_date", "generation_source"),
      clipSeconds: number("clip_seconds"),
    };
  });
}
