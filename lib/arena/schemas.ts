import { z } from "zod";
import { langSchema, slugSchema } from "../shared-schemas";
import { FAILURE_TAGS } from "./failure-tags";

/** The sides of a quad battle (issue 32) in shown order; a and b are the media slots a pair has too. */
export const QUAD_SIDES = ["a", "b", "c", "d"] as const;
export type QuadSide = (typeof QUAD_SIDES)[number];

/** POST /api/battles */
export const createBattleBodySchema = z.strictObject({
  category: slugSchema.optional(),
  lang: langSchema.optional(),
  size: z
    .union([z.literal(2), z.literal(4)], { error: "size must be 2 (a pair) or 4 (a quad)" })
    .optional()
    .describe("How many clips the battle shows: 2 (a pair, the default) or 4 (a quad: pick the best and the worst)"),
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

const quadSideTagsSchema = z.strictObject({
  a: tagListSchema.optional(),
  b: tagListSchema.optional(),
  c: tagListSchema.optional(),
  d: tagListSchema.optional(),
});
export type QuadSideTags = z.infer<typeof quadSideTagsSchema>;

/**
 * POST /api/battles/{battleId}/vote on a quad battle (issue 32): the best and the worst of the four
 * clips (two different sides), or `outcome: "all_bad"` with neither; failure tags per side.
 */
export const quadVoteBodySchema = z
  .strictObject({
    best: z.enum(QUAD_SIDES).optional().describe("The side of the best clip"),
    worst: z.enum(QUAD_SIDES).optional().describe("The side of the worst clip, not the best one"),
    outcome: z.literal("all_bad").optional().describe("All four clips are bad: no best and no worst"),
    tags: quadSideTagsSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (field: "best" | "worst" | "outcome", message: string, kind: string) =>
      ctx.addIssue({ code: "custom", path: [field], message, params: { issue: kind } });
    if (body.outcome === "all_bad") {
      if (body.best !== undefined) issue("best", "all_bad names no best clip", "unexpected");
      else if (body.worst !== undefined) issue("worst", "all_bad names no worst clip", "unexpected");
    } else if (body.best === undefined) issue("best", "name the best clip, or send outcome all_bad", "required");
    else if (body.worst === undefined) issue("worst", "name the worst clip, or send outcome all_bad", "required");
    else if (body.best === body.worst) issue("worst", "the worst clip must not be the best one", "same_as_best");
  });
export type QuadVoteBody = z.infer<typeof quadVoteBodySchema>;

/** Whether a vote body is shaped as a quad vote (names a best or worst clip, or all_bad), not a pair's. */
function isQuadVoteShape(json: unknown): boolean {
  if (typeof json !== "object" || json === null) return false;
  const body = json as Record<string, unknown>;
  return "best" in body || "worst" in body || body.outcome === "all_bad";
}

/**
 * A vote body of either kind, as the vote endpoint reads it: validated as a quad vote when it is
 * shaped as one, else as a pair vote, so each kind's errors (a ZodError) name its own fields.
 * Whether the kind matches the battle is the vote's rule (castVote, castQuadVote: 400 naming the field).
 */
export function parseAnyVoteBody(json: unknown): AnyVoteBody {
  return isQuadVoteShape(json)
    ? { kind: "quad", body: quadVoteBodySchema.parse(json) }
    : { kind: "pair", body: voteBodySchema.parse(json) };
}
export type AnyVoteBody = { kind: "pair"; body: VoteBody } | { kind: "quad"; body: QuadVoteBody };

/**
 * PUT /api/battles/{battleId}/tags: the whole new set of failure tags (and marks) of the battle's
 * vote, by side: `left` and `right` on a pair, `a` to `d` on a quad (issue 32).
 */
export const amendTagsBodySchema = z.strictObject({
  // One object of every side, not a union of the two kinds, so a bad mark's error names its path
  // (tags.right.1.atMs); which sides the battle has is amendVoteTags's rule (400 naming tags.<side>).
  tags: sideTagsSchema.extend(quadSideTagsSchema.shape),
});
export type AmendTagsBody = z.infer<typeof amendTagsBodySchema>;

const storedMarkSchema = z.object({ tag: z.enum(FAILURE_TAGS), atMs: z.number().int().nullable() });
const storedTagsSchema = z.array(z.enum(FAILURE_TAGS));
const storedMarksSchema = z.array(storedMarkSchema);

/**
 * The failure tags the vote now carries, by side (left and right on a pair, a to d on a quad), and
 * the same tags with their marked times in milliseconds of the delivered clip (null: tagged without a time).
 */
export const amendTagsResponseSchema = z.union([
  z.object({
    tags: z.object({ left: storedTagsSchema, right: storedTagsSchema }),
    marks: z.object({ left: storedMarksSchema, right: storedMarksSchema }),
  }),
  z.object({
    tags: z.object({ a: storedTagsSchema, b: storedTagsSchema, c: storedTagsSchema, d: storedTagsSchema }),
    marks: z.object({ a: storedMarksSchema, b: storedMarksSchema, c: storedMarksSchema, d: storedMarksSchema }),
  }),
]);
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

/**
 * What a voter receives for a quad battle (issue 32): the same promises as a pair's
 * (battleResponseSchema), with four clip URLs, sides a to d in shown order.
 */
export const quadBattleResponseSchema = z.strictObject({
  battleId: z.string(),
  size: z.literal(4),
  prompt: battleResponseSchema.shape.prompt,
  sides: z.strictObject({
    a: z.strictObject({ clipUrl: z.string() }),
    b: z.strictObject({ clipUrl: z.string() }),
    c: z.strictObject({ clipUrl: z.string() }),
    d: z.strictObject({ clipUrl: z.string() }),
  }),
  durationMs: battleResponseSchema.shape.durationMs,
  withSound: battleResponseSchema.shape.withSound,
  expiresAt: z.string(),
});
export type QuadBattleResponse = z.infer<typeof quadBattleResponseSchema>;

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

const quadRevealSchema = z.object({
  /** The side (a to d) whose clip this model made. */
  side: z.enum(QUAD_SIDES),
  ...revealedModelSchema.shape,
  /** Milliseconds the clip held its last frame (Clip.heldLastFrameMs), as on a pair's reveal. */
  heldLastFrameMs: z.number().int().min(0),
});

/**
 * The answer to a quad vote (issue 32): all four models, by side in shown order. A quad vote asks
 * no recognition survey (its answers are scored against a pair's two models).
 */
export const quadVoteResponseSchema = z.object({
  size: z.literal(4),
  models: z.array(quadRevealSchema).length(4),
  flagged: z.boolean(),
});
export type QuadVoteResponse = z.infer<typeof quadVoteResponseSchema>;

/** POST /api/battles/{battleId}/skip: optionally, the side whose clip failed to play. */
export const skipBodySchema = z.strictObject({
  playbackFailure: z
    .enum(["left", "right", ...QUAD_SIDES])
    .optional()
    .describe("left or right on a pair, a to d on a quad"),
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
