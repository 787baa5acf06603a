/**
 * The vote export's columns, in order, with the data card's description of each. Field names and
 * winner labels follow LMArena's public battle data so existing analysis code runs unchanged. The
 * columns of quad votes (issue 32) come last, so a pair row keeps its first columns in place.
 */
export const EXPORT_COLUMNS = [
  ["vote_id", "string", "Unique id of the vote."],
  ["tstamp", "double", "When the vote was cast, UNIX seconds (UTC)."],
  [
    "model_a",
    "string",
    "Slug of the model whose clip was shown on the left (A), e.g. veo-2 (unique, unlike display names).",
  ],
  ["model_b", "string", "Slug of the model whose clip was shown on the right (B)."],
  [
    "winner",
    "string",
    "model_a, model_b, tie, or tie (bothbad) when the voter found both clips bad; empty on a quad row (see best and worst).",
  ],
  ["category", "string", "The prompt's first category (physics, dance, action, lighting, …); empty if none."],
  ["categories", "string", "All categories of the prompt, separated by | (an array in JSONL)."],
  [
    "battle_kind",
    "string",
    "anonymous (blind pair, rated), named (chosen by name on /compare, never rated), quad (blind, four clips: the voter picked the best and the worst, see best, worst and the _c and _d columns) or, in an export with expand=pairs, quad_pair (one of a quad's 5 rank-breaking pairs, in place of its quad row: model_a and model_b are two of its clips in shown order, winner model_a or model_b, vote_id the quad's, shared by its pairs).",
  ],
  ["prompt_id", "string", "Id of the prompt both clips were generated from."],
  ["prompt_text_zh", "string", "Prompt text in Chinese, if any."],
  ["prompt_text_en", "string", "Prompt text in English, if any."],
  ["mode", "string", "image_to_video or text_to_video."],
  ["image_id", "string", "Id of the start image given to both models (image-to-video), else empty."],
  ["clip_a_id", "string", "Id of the left clip; empty while the prompt is in the blind pool (unpublished)."],
  ["clip_b_id", "string", "Id of the right clip; empty while the prompt is in the blind pool."],
  [
    "duration_a_ms",
    "int",
    "Length of the left clip, milliseconds (style control's duration feature); empty, like every per-clip column, while the prompt is in the blind pool.",
  ],
  ["duration_b_ms", "int", "Length of the right clip, milliseconds."],
  ["pixels_a", "int", "Width × height of the left clip, pixels."],
  ["pixels_b", "int", "Width × height of the right clip, pixels."],
  ["fps_a", "double", "Frame rate of the left clip, frames per second; empty where unknown."],
  ["fps_b", "double", "Frame rate of the right clip; empty where unknown."],
  [
    "audio_a",
    "int",
    "1 when the left clip was played with sound (only when every clip of the prompt has sound), else 0.",
  ],
  ["audio_b", "int", "1 when the right clip was played with sound, else 0."],
  [
    "first_take_a",
    "boolean",
    "Whether the left clip was its model's first generation for the prompt (false: an operator allowed later takes on this prompt).",
  ],
  ["first_take_b", "boolean", "Whether the right clip was its model's first generation for the prompt."],
  ["tags_a", "string", "Failure tags the voter put on the left clip, separated by | (an array in JSONL)."],
  ["tags_b", "string", "Failure tags on the right clip, likewise."],
  [
    "tag_times_a_ms",
    "string",
    "When the voter marked each failure of tags_a, in the same order: milliseconds from the start of the delivered left clip (0 ≤ time ≤ delivered_a_ms), empty for a tag given without a time; separated by | (e.g. 1200| for two tags, the second untimed), an array of integers and nulls in JSONL. pandas: df.tag_times_a_ms.str.split('|'); DuckDB: string_split(tag_times_a_ms, '|').",
  ],
  ["tag_times_b_ms", "string", "Marked times of tags_b, likewise."],
  [
    "delivered_a_ms",
    "int",
    "Length of the left clip as served (its delivery rendition, the same length for both sides of a battle), milliseconds: the clip a mark's time refers to. Time to first failure censors an untagged clip here.",
  ],
  ["delivered_b_ms", "int", "Length of the right clip as served, milliseconds."],
  ["decision_ms", "int", "Milliseconds between the battle being served and the vote."],
  ["flagged", "boolean", "Whether integrity checks or a moderator set the vote aside; flagged votes are not rated."],
  [
    "flag_reason",
    "string",
    "Why: too_fast (before the shorter clip could play once), excluded (by a moderator), failed_checks (the voter session failed its known-answer check battles), …",
  ],
  [
    "judge",
    "string",
    "Salted hash of the anonymous voter session: the same voter has the same judge within one export salt, and no link to any id or address.",
  ],
  [
    "recognition_answer",
    "string",
    "The recognition survey, asked after a share of blind votes and before the reveal: the slug of the model the voter said they recognised, none when they recognised neither; empty when not asked or not answered.",
  ],
  [
    "recognition_candidates",
    "int",
    "How many models the survey offered to pick from (chance of naming a given model is 1 / this); empty without an answer.",
  ],
  [
    "recognised_correctly",
    "boolean",
    "Whether the model the voter named was one of the battle's two; the leaderboard's exclude=recognised and npm run ratings --exclude-recognised leave these votes out.",
  ],
  [
    "model_c",
    "string",
    "On a quad row, slug of the model of the third clip shown (C); model_a, model_b, model_c, model_d are in shown order. Empty on a pair row.",
  ],
  ["model_d", "string", "On a quad row, slug of the model of the fourth clip shown (D). Empty on a pair row."],
  [
    "best",
    "string",
    "On a quad row, which clip the voter chose as the best: model_a, model_b, model_c or model_d; empty when the voter found all four bad (then worst is empty too). Empty on a pair row.",
  ],
  [
    "worst",
    "string",
    "On a quad row, which clip the voter chose as the worst (never the best one); empty with all four bad. A quad ranks best above the two others and both above worst: rank breaking gives 5 pairs (Azari Soufiani, Parkes & Xia 2014), one vote (vote_id) whose pairs are not independent.",
  ],
  [
    "clip_c_id",
    "string",
    "On a quad row, id of clip C; empty while the prompt is in the blind pool, and on a pair row.",
  ],
  ["clip_d_id", "string", "On a quad row, id of clip D, likewise."],
  ["duration_c_ms", "int", "Length of clip C, milliseconds, as duration_a_ms."],
  ["duration_d_ms", "int", "Length of clip D, milliseconds."],
  ["pixels_c", "int", "Width × height of clip C, pixels."],
  ["pixels_d", "int", "Width × height of clip D, pixels."],
  ["fps_c", "double", "Frame rate of clip C; empty where unknown."],
  ["fps_d", "double", "Frame rate of clip D; empty where unknown."],
  ["audio_c", "int", "1 when clip C was played with sound, else 0 (as audio_a)."],
  ["audio_d", "int", "1 when clip D was played with sound, else 0."],
  ["first_take_c", "boolean", "Whether clip C was its model's first generation for the prompt; empty on a pair row."],
  ["first_take_d", "boolean", "Whether clip D was its model's first generation for the prompt; empty on a pair row."],
  ["tags_c", "string", "Failure tags on clip C, as tags_a."],
  ["tags_d", "string", "Failure tags on clip D, as tags_a."],
  ["tag_times_c_ms", "string", "Marked times of tags_c, as tag_times_a_ms."],
  ["tag_times_d_ms", "string", "Marked times of tags_d, as tag_times_a_ms."],
  ["delivered_c_ms", "int", "Length of clip C as served, milliseconds; empty on a pair row."],
  ["delivered_d_ms", "int", "Length of clip D as served, milliseconds; empty on a pair row."],
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];

/** One exported vote, as JSONL writes it; CSV and Parquet join the arrays with "|". */
export interface ExportRow {
  vote_id: string;
  tstamp: number;
  model_a: string;
  model_b: string;
  /** Null on a quad row. */
  winner: "model_a" | "model_b" | "tie" | "tie (bothbad)" | null;
  category: string;
  categories: string[];
  battle_kind: "anonymous" | "named" | "quad" | "quad_pair";
  prompt_id: string;
  prompt_text_zh: string | null;
  prompt_text_en: string | null;
  mode: string;
  image_id: string | null;
  clip_a_id: string | null;
  clip_b_id: string | null;
  duration_a_ms: number | null;
  duration_b_ms: number | null;
  pixels_a: number | null;
  pixels_b: number | null;
  fps_a: number | null;
  fps_b: number | null;
  audio_a: 0 | 1 | null;
  audio_b: 0 | 1 | null;
  first_take_a: boolean;
  first_take_b: boolean;
  tags_a: string[];
  tags_b: string[];
  /** Marked times aligned with tags_a / tags_b; null for a tag without a time. */
  tag_times_a_ms: (number | null)[];
  tag_times_b_ms: (number | null)[];
  delivered_a_ms: number | null;
  delivered_b_ms: number | null;
  decision_ms: number;
  flagged: boolean;
  flag_reason: string | null;
  judge: string;
  recognition_answer: string | null;
  recognition_candidates: number | null;
  recognised_correctly: boolean;
  // Quad votes (issue 32): the third and fourth clips and the best and worst; null or empty on pairs.
  model_c: string | null;
  model_d: string | null;
  best: QuadLabel | null;
  worst: QuadLabel | null;
  clip_c_id: string | null;
  clip_d_id: string | null;
  duration_c_ms: number | null;
  duration_d_ms: number | null;
  pixels_c: number | null;
  pixels_d: number | null;
  fps_c: number | null;
  fps_d: number | null;
  audio_c: 0 | 1 | null;
  audio_d: 0 | 1 | null;
  first_take_c: boolean | null;
  first_take_d: boolean | null;
  tags_c: string[];
  tags_d: string[];
  tag_times_c_ms: (number | null)[];
  tag_times_d_ms: (number | null)[];
  delivered_c_ms: number | null;
  delivered_d_ms: number | null;
}

/** A quad row's best or worst: the column of the chosen clip's model. */
export type QuadLabel = "model_a" | "model_b" | "model_c" | "model_d";

/** The quad columns (issue 32) of a pair row: all empty. */
export const PAIR_ROW_QUAD_COLUMNS = {
  model_c: null,
  model_d: null,
  best: null,
  worst: null,
  clip_c_id: null,
  clip_d_id: null,
  duration_c_ms: null,
  duration_d_ms: null,
  pixels_c: null,
  pixels_d: null,
  fps_c: null,
  fps_d: null,
  audio_c: null,
  audio_d: null,
  first_take_c: null,
  first_take_d: null,
  tags_c: [],
  tags_d: [],
  tag_times_c_ms: [],
  tag_times_d_ms: [],
  delivered_c_ms: null,
  delivered_d_ms: null,
} as const satisfies Partial<ExportRow>;
