/**
 * The vote export's columns, in order, with the data card's description of each. Field names and
 * winner labels follow LMArena's public battle data so existing analysis code runs unchanged.
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
  ["winner", "string", "model_a, model_b, tie, or tie (bothbad) when the voter found both clips bad."],
  ["category", "string", "The prompt's first category (physics, dance, action, lighting, …); empty if none."],
  ["categories", "string", "All categories of the prompt, separated by | (an array in JSONL)."],
  ["battle_kind", "string", "anonymous (blind, rated) or named (chosen by name on /compare, never rated)."],
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
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];

/** One exported vote, as JSONL writes it; CSV and Parquet join the arrays with "|". */
export interface ExportRow {
  vote_id: string;
  tstamp: number;
  model_a: string;
  model_b: string;
  winner: "model_a" | "model_b" | "tie" | "tie (bothbad)";
  category: string;
  categories: string[];
  battle_kind: "anonymous" | "named";
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
}
