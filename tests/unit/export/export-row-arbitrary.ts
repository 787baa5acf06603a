import fc from "fast-check";
import type { ExportRow } from "@/lib/export/columns";

// Text that needs quoting, or nearly does: quotes, commas, CR, LF, pipes, spaces, non-ASCII.
const textArb = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", "|", " ", "a", "é", "雨", "🎬", "'", "=", "\t") }),
  fc.string(),
  fc.constant(""),
);
const nullableTextArb = fc.option(textArb, { nil: null });
/** Any export row, with text that needs quoting or nearly does. */
export const rowArb: fc.Arbitrary<ExportRow> = fc.record({
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
  first_take_a: fc.boolean(),
  first_take_b: fc.boolean(),
  tags_a: fc.array(textArb, { maxLength: 3 }),
  tags_b: fc.array(textArb, { maxLength: 3 }),
  tag_times_a_ms: fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 3 }),
  tag_times_b_ms: fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 3 }),
  delivered_a_ms: fc.option(fc.nat(), { nil: null }),
  delivered_b_ms: fc.option(fc.nat(), { nil: null }),
  decision_ms: fc.integer(),
  flagged: fc.boolean(),
  flag_reason: nullableTextArb,
  judge: textArb,
  recognition_answer: nullableTextArb,
  recognition_candidates: fc.option(fc.nat(), { nil: null }),
  recognised_correctly: fc.boolean(),
});
