import { z } from "zod";
import { langSchema, slugSchema } from "../shared-schemas";
import { manifestClipGenerationFields, manifestModelFactFields } from "../catalog/model-facts";

/** A file: a path inside the manifest's folder, or an https URL the import downloads. */
const fileReference = z
  .string()
  .min(1)
  .max(2000)
  .refine((p) => isRemoteFile(p) || (!p.startsWith("/") && !p.includes(":") && !p.split(/[\\/]/).includes("..")), {
    message: "must be a path inside the manifest's folder or an https:// URL",
    params: { issue: "outside_folder" },
  });

/** Whether a file reference is a URL to download rather than a local path. */
export function isRemoteFile(reference: string): boolean {
  return /^https:\/\/[^\s/]+\/\S*$/.test(reference);
}

/** An import manifest: models, categories and prompts to create or update, and the clips each model made. */
export const importManifestSchema = z.strictObject({
  models: z
    .array(
      z.strictObject({
        slug: slugSchema,
        name: z.string().trim().min(1).max(80),
        organisation: z.string().trim().min(1).max(80),
        version: z.string().max(40).optional(),
        releaseDate: z.iso.date().optional(),
        url: z.url().optional(),
        // Dated, sourced facts (issue 34): price per second of video (USD) and generation time (s).
        ...manifestModelFactFields,
      }),
    )
    .default([]),
  categories: z
    .array(
      z.strictObject({
        slug: slugSchema,
        nameZh: z.string().trim().min(1).max(40),
        nameEn: z.string().trim().min(1).max(40),
      }),
    )
    .default([]),
  prompts: z
    .array(
      z
        .strictObject({
          key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "letters, digits, _ . - (up to 64)"),
          textZh: z.string().trim().min(1).max(2000).optional(),
          textEn: z.string().trim().min(1).max(2000).optional(),
          mode: z.enum(["image_to_video", "text_to_video"]),
          image: fileReference.optional(),
          categories: z.array(slugSchema).default([]),
          // Whether the arena may serve this prompt's clips that are not first takes (a set collected
          // without recording which take came first). Absent leaves the prompt's setting as it is.
          otherTakesAllowed: z.boolean().optional(),
          // The operator's delivery length (default: the shortest clip's); longer than a clip, that
          // clip holds its last frame. Clamped to the prompt's clips when rendered.
          deliveryLengthMs: z.number().int().min(500).max(600_000).optional(),
        })
        .refine((p) => p.textZh || p.textEn, { message: "needs textZh or textEn", params: { issue: "needs_text" } })
        .refine((p) => (p.mode === "image_to_video") === Boolean(p.image), {
          message: "image_to_video prompts need an image, text_to_video prompts none",
          params: { issue: "image_for_mode" },
        }),
    )
    .default([]),
  clips: z.array(
    z.strictObject({
      prompt: z.string().min(1),
      model: slugSchema,
      file: fileReference,
      promptLang: langSchema,
      firstTake: z.boolean().default(true),
      // An operator saw a visible watermark: kept out of battles until a new file replaces it.
      // Absent leaves a clip already imported as it is (a mark set in the console stays).
      watermarked: z.boolean().optional(),
      // Read from the file when it can be; needed only for files the reader cannot parse.
      durationMs: z.number().int().min(500).max(600_000).optional(),
      width: z.number().int().min(16).max(8192).optional(),
      height: z.number().int().min(16).max(8192).optional(),
      // As reported when the clip was made: generation time (s) and cost (USD).
      ...manifestClipGenerationFields,
    }),
  ),
});
export type ImportManifest = z.infer<typeof importManifestSchema>;
