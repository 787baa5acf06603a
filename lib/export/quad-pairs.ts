import { rankBreakQuad } from "../ratings/rank-breaking";
import { type ExportRow, PAIR_ROW_QUAD_COLUMNS } from "./columns";

type Side = "a" | "b" | "c" | "d";
const SIDES = ["a", "b", "c", "d"] as const;
const SIDE_OF_LABEL = { model_a: 0, model_b: 1, model_c: 2, model_d: 3 } as const;

/** One clip's columns of an export row, read from side `side` of a quad row. */
function sideColumns(row: ExportRow, side: Side) {
  return {
    model: row[`model_${side}`] ?? "",
    clip_id: row[`clip_${side}_id`],
    duration_ms: row[`duration_${side}_ms`],
    pixels: row[`pixels_${side}`],
    fps: row[`fps_${side}`],
    audio: row[`audio_${side}`],
    first_take: row[`first_take_${side}`] ?? true,
    tags: row[`tags_${side}`],
    tag_times_ms: row[`tag_times_${side}_ms`],
    delivered_ms: row[`delivered_${side}_ms`],
  };
}

/**
 * A quad row's pairwise expansion (the export's `expand=pairs`, issue 32), for tools that read
 * LMArena's pairwise battles: its 5 rank-breaking pairs (lib/ratings/rank-breaking.ts: best over
 * each middle clip, each middle over worst, best over worst; Azari Soufiani, Parkes & Xia 2014) as
 * rows with `battle_kind` quad_pair, the quad's `vote_id` (so a reader can group them back into
 * one vote: `npm run ratings` does, and resamples them whole), `winner` model_a or model_b, and
 * the two clips' columns as A (shown first) and B; the quad columns are empty. An all-bad quad
 * implies no pair: no row. Any other row is returned as it is.
 */
export function expandQuadRow(row: ExportRow): ExportRow[] {
  if (row.battle_kind !== "quad") return [row];
  const side = (label: ExportRow["best"]) => (label === null ? null : SIDE_OF_LABEL[label]);
  const pairs = rankBreakQuad({ models: SIDES, best: side(row.best), worst: side(row.worst) });
  return pairs.map((pair) => {
    const [a, b] = [sideColumns(row, pair.modelA as Side), sideColumns(row, pair.modelB as Side)];
    return {
      ...row,
      ...PAIR_ROW_QUAD_COLUMNS,
      battle_kind: "quad_pair",
      winner: pair.winner === "model_a" ? "model_a" : "model_b",
      model_a: a.model,
      model_b: b.model,
      clip_a_id: a.clip_id,
      clip_b_id: b.clip_id,
      duration_a_ms: a.duration_ms,
      duration_b_ms: b.duration_ms,
      pixels_a: a.pixels,
      pixels_b: b.pixels,
      fps_a: a.fps,
      fps_b: b.fps,
      audio_a: a.audio,
      audio_b: b.audio,
      first_take_a: a.first_take,
      first_take_b: b.first_take,
      tags_a: a.tags,
      tags_b: b.tags,
      tag_times_a_ms: a.tag_times_ms,
      tag_times_b_ms: b.tag_times_ms,
      delivered_a_ms: a.delivered_ms,
      delivered_b_ms: b.delivered_ms,
    };
  });
}
