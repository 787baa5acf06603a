import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EXPORT_COLUMNS, type ExportRow } from "@/lib/export/columns";
import { encodeCsv } from "@/lib/export/encoders";

const COLUMN_NAMES = EXPORT_COLUMNS.map(([name]) => name);

/** The CSV the export wrote with csv-stringify before it had its own encoder. */
function libraryCsv(rows: ExportRow[]): string {
  const flat = rows.map((row) => ({
    ...row,
    categories: row.categories.join("|"),
    tags_a: row.tags_a.join("|"),
    tags_b: row.tags_b.join("|"),
  }));
  return `${COLUMN_NAMES.join(",")}\n${stringify(flat, { columns: COLUMN_NAMES, cast: { boolean: (v) => String(v) } })}`;
}

async function encodedCsv(rows: ExportRow[]): Promise<string> {
  async function* pages() {
    yield rows.slice(0, 3);
    yield rows.slice(3);
  }
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of encodeCsv(pages())) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

// Text that needs quoting, or nearly does: quotes, commas, CR, LF, pipes, spaces, non-ASCII.
const textArb = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", "|", " ", "a", "é", "雨", "🎬", "'", "=", "\t") }),
  fc.string(),
  fc.constant(""),
);
const nullableTextArb = fc.option(textArb, { nil: null });
const rowArb: fc.Arbitrary<ExportRow> = fc.record({
  vote_id: textArb,
  tstamp: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer().map((ms) => ms / 1000),
  ),
  model_a: textArb,
  model_b: textArb,
  winner: fc.constantFrom("model_a", "model_b", "tie", "tie (bothbad)"),
  category: textArb,
  categories: fc.array(textArb, { maxLength: 3 }),
  battle_kind: fc.constantFrom("anonymous", "named"),
  prompt_id: textArb,
  prompt_text_zh: nullableTextArb,
  prompt_text_en: nullableTextArb,
  mode: textArb,
  image_id: nullableTextArb,
  clip_a_id: textArb,
  clip_b_id: textArb,
  duration_a_ms: fc.nat(),
  duration_b_ms: fc.nat(),
  pixels_a: fc.nat(),
  pixels_b: fc.nat(),
  fps_a: fc.option(fc.double({ min: 1, max: 240, noNaN: true }), { nil: null }),
  fps_b: fc.option(fc.double({ min: 1, max: 240, noNaN: true }), { nil: null }),
  audio_a: fc.constantFrom(0 as const, 1 as const),
  audio_b: fc.constantFrom(0 as const, 1 as const),
  tags_a: fc.array(textArb, { maxLength: 3 }),
  tags_b: fc.array(textArb, { maxLength: 3 }),
  decision_ms: fc.integer(),
  flagged: fc.boolean(),
  flag_reason: nullableTextArb,
  judge: textArb,
});

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
