import { z } from "zod";
import { langSchema, slugSchema } from "../shared-schemas";
import { FAILURE_TAGS } from "./failure-tags";

/** POST /api/battles */
export const createBattleBodySchema = z.strictObject({
  category: slugSchema.optional(),
  lang: langSchema.optional(),
});
export type CreateBattleBody = z.infer<typeof createBattleBodySchema>;

/**
 * A failure mark (issue 33): a tag, optionally with the moment the voter saw the failure, in
 * milliseconds from the start of the delivered clip (0 ≤ atMs ≤ the clip's delivered length; the
 * upper bound is checked against the battle's clip, lib/arena/failure-marks.ts).
 */
export const failureMarkSchema = z.strictObject({
  tag: z.enum(FAILURE_TAGS),
  atMs: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Milliseconds from the start of the delivered clip at which the voter marked the failure"),
});
export type FailureMark = z.infer<typeof failureMarkSchema>;

/** A tag alone (no time) or a mark with its time; the same tag at most once per side. */
const tagListSchema = z
  .array(z.union([z.enum(FAILURE_TAGS), failureMarkSchema]))
  .max(FAILURE_TAGS.length)
  .refine((tags) => new Set(tags.map((t) => (typeof t === "string" ? t : t.tag))).size === tags.length, {
    message: "tags must not repeat",
  });
export type TagListInput = z.infer<typeof tagListSchema>;

const sideTagsSchema = z.strictObject({ left: tagListSchema.optional(), right: tagListSchema.optional() });

/** POST /api/battles/{battleId}/vote */
export const voteBodySchema = z.strictObject({
  outcome: z.enum(["left", "right", "tie", "both_bad"]),
  tags: sideTagsSchema.optional(),
});
export type VoteBody = z.infer<typeof voteBodySchema>;

/** PUT /api/battles/{battleId}/tags: the whole new set of failure tags (and marks) of the battle's vote, by side. */
export const amendTagsBodySchema = z.strictObject({ tags: sideTagsSchema });
export type AmendTagsBody = z.infer<typeof amendTagsBodySchema>;

const storedMarkSchema = z.object({ tag: z.enum(FAILURE_TAGS), atMs: z.number().int().nullable() });

/** The failure tags the vote now carries, by side, and the same tags with their marked times. */
export const amendTagsResponseSchema = z.object({
  tags: z.object({ left: z.array(z.enum(FAILURE_TAGS)), right: z.array(z.enum(FAILURE_TAGS)) }),
  /** Each tag with its marked time in milliseconds of the delivered clip; null when tagged without a time. */
  marks: z.object({ left: z.array(storedMarkSchema), right: z.array(storedMarkSchema) }),
});
export type AmendTagsResponse = z.infer<typeof amendTagsResponseSchema>;

export const battleIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "is not a battle id");

/**
 * What a voter receives for a battle: nothing in it names a model, and nothing differs by side
 * but the clip URL (issue 25, item 2): one length and one sound flag for the whole battle.
 */
export const battleResponseSchema = z.strictObject({
  battleId: z.string(),
  /** The prompt in the voter's language where it has it; `lang` is the language `text` is in. */
  prompt: z.strictObject({ text: z.string(), lang: langSchema, imageUrl: z.string().optional() }),
  left: z.strictObject({ clipUrl: z.string() }),
  right: z.strictObject({ clipUrl: z.string() }),
  /** The battle's length in milliseconds, the same for both sides: its prompt's shortest servable clip. */
  durationMs: z.number().int().positive(),
  /**
   * True when every servable clip of the prompt has sound (so for every pair it could draw): the
   * clip URLs then serve the renditions with sound.
   */
  withSound: z.boolean(),
  expiresAt: z.string(),
});
export type BattleResponse = z.infer<typeof battleResponseSchema>;

const revealedModelSchema = z.object({
  slug: z.string(),
  name: z.string(),
  /** True when every clip of the model is a demo placeholder (synthetic test pattern), not a real generation. */
  placeholderOnly: z.boolean(),
});

export const voteResponseSchema = z.object({
  /** Display names of the models, by side. */
  reveal: z.object({ left: z.string(), right: z.string() }),
  /** The same models with their slugs, to link their pages and find their standing. */
  models: z.object({ left: revealedModelSchema, right: revealedModelSchema }),
  /**
   * Milliseconds each side's clip held its last frame because the prompt's delivery length is
   * longer than the clip (Clip.heldLastFrameMs); 0 when it filled the length.
   */
  heldLastFrameMs: z.object({ left: z.number().int().min(0), right: z.number().int().min(0) }),
  flagged: z.boolean(),
  /**
   * On a check battle (a clip against its own degraded twin, lib/arena/check-battles.ts), which
   * side was the degraded copy and whether the vote chose the original; null on every real battle.
   * Told only after the vote: before it a check looks like any battle.
   */
  check: z.object({ degradedSide: z.enum(["left", "right"]), passed: z.boolean() }).nullable(),
  /**
   * Present when this vote asks the recognition survey (lib/arena/recognition-survey.ts): the
   * models to pick from. The client asks before it shows the reveal; answering is optional.
   */
  survey: z.object({ candidates: z.array(z.object({ slug: z.string(), name: z.string() })) }).optional(),
});
export type VoteResponse = z.infer<typeof voteResponseSchema>;

/** POST /api/battles/{battleId}/skip: optionally, the side whose clip failed to play. */
export const skipBodySchema = z.strictObject({
  playbackFailure: z.enum(["left", "right"]).optional(),
});
export type SkipBody = z.infer<typeof skipBodySchema>;

export const skipResponseSchema = z.object({ skipped: z.literal(true) });
export type SkipResponse = z.infer<typeof skipResponseSchema>;

/** POST /api/battles/{battleId}/recognition: the survey's answer, after the vote and before the reveal. */
export const recognitionBodySchema = z.strictObject({
  /** Slug of the model the voter recognised (one of the survey's candidates), or null for neither. */
  model: slugSchema.nullable(),
});
export type RecognitionBody = z.infer<typeof recognitionBodySchema>;

export const recognitionResponseSchema = z.object({ recorded: z.literal(true) });
export type RecognitionResponse = z.infer<typeof recognitionResponseSchema>;
