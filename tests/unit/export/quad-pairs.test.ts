import { describe, expect, test } from "vitest";
import { type ExportRow, PAIR_ROW_QUAD_COLUMNS } from "@/lib/export/columns";
import { expandQuadRow } from "@/lib/export/quad-pairs";

/** Side x's columns, marked with the side's letter so a moved column shows. */
const side = (x: "a" | "b" | "c" | "d", n: number) => ({
  [`model_${x}`]: `model-${x}`,
  [`clip_${x}_id`]: `clip-${x}`,
  [`duration_${x}_ms`]: 1000 * n,
  [`pixels_${x}`]: 100 * n,
  [`fps_${x}`]: 24 + n,
  [`audio_${x}`]: n % 2,
  [`first_take_${x}`]: n !== 3,
  [`tags_${x}`]: [`tag-${x}`],
  [`tag_times_${x}_ms`]: [10 * n],
  [`delivered_${x}_ms`]: 2000 * n,
});

const QUAD = {
  vote_id: "v1",
  tstamp: 1_800_000_000,
  winner: null,
  category: "physics",
  categories: ["physics"],
  battle_kind: "quad",
  prompt_id: "p1",
  prompt_text_zh: null,
  prompt_text_en: "a ball",
  mode: "text_to_video",
  image_id: null,
  decision_ms: 9000,
  flagged: false,
  flag_reason: null,
  judge: "j1",
  recognition_answer: null,
  recognition_candidates: null,
  recognised_correctly: false,
  ...side("a", 1),
  ...side("b", 2),
  ...side("c", 3),
  ...side("d", 4),
  best: "model_c",
  worst: "model_a",
} as unknown as ExportRow;

describe("expandQuadRow (export expand=pairs, issue 32)", () => {
  test("a quad becomes its 5 rank-breaking pairs, each clip's columns moved with it, in shown order", () => {
    const rows = expandQuadRow(QUAD);
    // best c over the middles b and d, the middles over worst a, and c over a; the earlier-shown clip is A.
    expect(rows.map((r) => [r.model_a, r.model_b, r.winner])).toEqual([
      ["model-b", "model-c", "model_b"],
      ["model-c", "model-d", "model_a"],
      ["model-a", "model-b", "model_b"],
      ["model-a", "model-d", "model_b"],
      ["model-a", "model-c", "model_b"],
    ]);
    const cd = rows[1] as ExportRow;
    expect(cd).toMatchObject({
      battle_kind: "quad_pair",
      vote_id: "v1",
      judge: "j1",
      prompt_id: "p1",
      clip_a_id: "clip-c",
      clip_b_id: "clip-d",
      duration_a_ms: 3000,
      duration_b_ms: 4000,
      first_take_a: false,
      first_take_b: true,
      tags_a: ["tag-c"],
      tags_b: ["tag-d"],
      tag_times_a_ms: [30],
      delivered_b_ms: 8000,
      ...PAIR_ROW_QUAD_COLUMNS,
    });
  });

  test("an all-bad quad orders nothing: no row; a pair row is left as it is", () => {
    expect(expandQuadRow({ ...QUAD, best: null, worst: null })).toEqual([]);
    const pair = { ...QUAD, ...PAIR_ROW_QUAD_COLUMNS, battle_kind: "anonymous", winner: "tie" } as ExportRow;
    expect(expandQuadRow(pair)).toEqual([pair]);
  });
});
