import { z } from "zod";
import { slugSchema } from "../shared-schemas";

const DAY_MS = 24 * 3600 * 1000;

/**
 * A bound of the export's time range: a calendar date (YYYY-MM-DD, UTC, checked against the
 * calendar so 2026-02-30 is a 400, not 2 March) or UNIX seconds. A date as `from` is the start of
 * that day; as `to` it is the day's last millisecond, so the day is included as on the
 * leaderboard (`from=to=today` gives today's votes).
 */
function instant(edge: "start" | "end") {
  return z.union([
    z.iso.date("expected a calendar date YYYY-MM-DD or UNIX seconds").transform((day) => {
      const start = Date.parse(`${day}T00:00:00Z`);
      return new Date(edge === "start" ? start : start + DAY_MS - 1);
    }),
    z
      .string()
      .regex(/^\d{1,12}$/, "expected a calendar date YYYY-MM-DD or UNIX seconds")
      .transform((s) => new Date(Number(s) * 1000)),
  ]);
}

/** GET /api/export/votes query. */
export const exportQuerySchema = z
  .strictObject({
    format: z.enum(["csv", "jsonl", "parquet"]).default("csv"),
    category: slugSchema.optional(),
    model: slugSchema.optional(),
    from: instant("start").optional(),
    to: instant("end").optional(),
    includeFlagged: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** 1: begin a CSV with a UTF-8 byte-order mark, so Excel on Windows reads Chinese prompts right. */
    bom: z
      .enum(["0", "1"])
      .default("0")
      .transform((v) => v === "1")
      .describe(
        "1: begin the CSV with a UTF-8 byte-order mark (EF BB BF), so Excel on Windows opens it as UTF-8 instead of the system code page. CSV only; ignored for JSONL and Parquet.",
      ),
    /** pairs: each quad vote as its 5 rank-breaking pair rows (lib/export/quad-pairs.ts). */
    expand: z
      .enum(["none", "pairs"])
      .default("none")
      .describe(
        "pairs: write each four-up vote (battle_kind quad) as its 5 rank-breaking pairs instead (best over each middle clip, each middle over worst, best over worst), rows with battle_kind quad_pair, winner model_a or model_b and the quad's vote_id, for tools that read LMArena's pairwise battles; an all-bad quad implies no pair and gives no row. The pairs of one quad are one vote, not five independent ones: group them by vote_id when resampling (npm run ratings does). none: one quad row per four-up vote.",
      ),
    /** An API key may also come as a query parameter (checked by the handler, not here). */
    key: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Which votes an export selects, and how quads are written (`expand`): the query without its encoding options. */
export type ExportFilter = Omit<ExportQuery, "format" | "bom" | "expand"> & { expand?: ExportQuery["expand"] };
