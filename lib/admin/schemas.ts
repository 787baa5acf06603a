import { z } from "zod";
import { type DomainError, fieldError } from "../errors";
import { TOO_FAST_REASON } from "../arena/cast-vote";
import { langSchema, slugSchema } from "../shared-schemas";
import { ANOMALY_REASONS } from "../integrity/voter-anomalies";

// Admin forms arrive as JSON from API clients and as multipart forms from the pages, where every
// value is a string, a blank field means "not given" and a ticked checkbox says "on".
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const formBoolean = z.preprocess(
  (value) => (value === "on" || value === "true" ? true : value === "false" ? false : value),
  z.boolean(),
);
const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(item),
  );

export const idSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "is not an id");

const modelFields = {
  name: z.string().trim().min(1).max(80),
  organisation: z.string().trim().min(1).max(80),
  version: optional(z.string().trim().max(40)),
  releaseDate: optional(z.iso.date()),
  url: optional(z.url({ protocol: /^https?$/ })),
};

/** POST /api/admin/models */
export const createModelSchema = z.strictObject({ slug: slugSchema, ...modelFields });
/** An optional field that an edit may clear: blank or null clears it, absent leaves it alone. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable().optional());

/** PATCH /api/admin/models/{id}: any field; `active: false` deactivates. */
export const updateModelSchema = z.strictObject({
  name: modelFields.name.optional(),
  organisation: modelFields.organisation.optional(),
  version: clearable(z.string().trim().max(40)),
  releaseDate: clearable(z.iso.date()),
  url: clearable(z.url({ protocol: /^https?$/ })),
  active: formBoolean.optional(),
});

const categoryName = z.string().trim().min(1).max(40);
/** POST /api/admin/categories */
export const createCategorySchema = z.strictObject({ slug: slugSchema, nameZh: categoryName, nameEn: categoryName });
/** PATCH /api/admin/categories/{id} */
export const renameCategorySchema = z.strictObject({ nameZh: categoryName, nameEn: categoryName });

const promptText = optional(z.string().trim().min(1).max(2000));
/** POST /api/admin/prompts and PATCH /api/admin/prompts/{id} (the start image comes as the form's file). */
export const promptSchema = z
  .strictObject({
    textZh: promptText,
    textEn: promptText,
    mode: z.enum(["image_to_video", "text_to_video"]),
    categories: formList(slugSchema),
  })
  .refine((p) => p.textZh || p.textEn, {
    message: "give the prompt in Chinese or English",
    path: ["textEn"],
    params: { issue: "one_language_required" },
  });
export type PromptInput = z.infer<typeof promptSchema>;

/** POST /api/admin/clips (the video comes as the form's file). */
export const uploadClipSchema = z.strictObject({
  promptId: idSchema,
  modelId: idSchema,
  promptLang: langSchema,
  firstTake: formBoolean.default(false),
});

const reason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);
/**
 * PATCH /api/admin/clips/{id}: hide a broken clip or show it again, and/or mark it watermarked (a
 * visible mark that can name its source: kept out of every battle and named page until replaced)
 * or clear the mark. At least one of the two.
 */
export const clipVisibilitySchema = z
  .strictObject({ hidden: formBoolean.optional(), watermarked: formBoolean.optional(), reason })
  .refine((c) => c.hidden !== undefined || c.watermarked !== undefined, {
    message: "say hidden or watermarked",
    path: ["hidden"],
    params: { issue: "required" },
  });
export type ClipStateChange = z.infer<typeof clipVisibilitySchema>;

/** POST /api/admin/prompts/{id}/takes: let the arena serve this prompt's clips that are not first takes, or stop it. */
export const promptTakesSchema = z.strictObject({ otherTakesAllowed: formBoolean, reason });

/**
 * POST /api/admin/prompts/{id}/delivery-length: the length every rendition of the prompt is
 * rendered to, in milliseconds (clamped to the prompt's clips when rendered); empty or null for
 * the shortest clip's length.
 */
export const promptDeliveryLengthSchema = z.strictObject({
  deliveryLengthMs: z.union([
    z.literal("").transform(() => null),
    z.null(),
    z.coerce.number().int().min(500).max(600_000),
  ]),
  reason,
});

/** POST /api/admin/prompts/{id}/publish: take a prompt out of the blind pool, or put it back. */
export const promptPublicationSchema = z.strictObject({ published: formBoolean, reason });

/** POST /api/admin/votes/moderate: exclude or restore some votes (up to a page) or every vote of a voter session. */
export const moderateVotesSchema = z
  .strictObject({
    action: z.enum(["exclude", "restore"]),
    voteId: formList(idSchema).pipe(z.array(idSchema).max(50, "choose at most 50 votes at once")),
    voterSessionId: optional(z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "is not a voter session")),
    reason,
  })
  .refine((m) => m.voteId.length > 0 !== Boolean(m.voterSessionId), {
    message: "choose the votes, or give one voter session",
    path: ["voteId"],
    params: { issue: "choose_votes" },
  });
export type ModerateVotes = z.infer<typeof moderateVotesSchema>;

/** POST /api/admin/import (the manifest comes as the form's file). */
export const importSchema = z.strictObject({ dryRun: formBoolean.default(false) });

/** GET /api/admin/votes: which votes to list; dates are UTC days, both ends included. */
export const voteFilterSchema = z.strictObject({
  status: z.enum(["flagged", "excluded", "named", "counted", "all"]).default("flagged"),
  reason: optional(z.enum([TOO_FAST_REASON, ...ANOMALY_REASONS])),
  voter: optional(z.string().max(64)),
  model: optional(slugSchema),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type VoteFilter = z.infer<typeof voteFilterSchema>;

/** The invalid_request (400) for a form that should carry a file and does not. */
export function missingFileError(field: string): DomainError {
  return fieldError(`${field}: attach the file.`, { field, issue: "required" });
}
