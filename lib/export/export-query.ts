import { z } from "zod";
import { slugSchema } from "../shared-schemas";

/** A date as YYYY-MM-DD or UNIX seconds. */
const instant = z.union([
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD or UNIX seconds")
    .transform((d) => new Date(`${d}T00:00:00Z`)),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform((s) => new Date(Number(s) * 1000)),
]);

/** GET /api/export/votes query. */
export const exportQuerySchema = z
  .strictObject({
    format: z.enum(["csv", "jsonl", "parquet"]).default("csv"),
    category: slugSchema.optional(),
    model: slugSchema.optional(),
    from: instant.optional(),
    to: instant.optional(),
    includeFlagged: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** An API key may also come as a query parameter (checked by the handler, not here). */
    key: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

export type ExportQuery = z.infer<typeof exportQuerySchema>;
