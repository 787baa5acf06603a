import { z } from "zod";
import { type RatedBattle, WINNERS, type Winner } from "./types";

/** A vote as read from an export (or an LMArena battle file). */
export interface FileBattle extends RatedBattle {
  categories: string[];
  tstamp: number | null;
  flagged: boolean;
  /**
   * A vote cast with the model names shown: `battle_kind: "named"` in our export, `anony: false`
   * in LMArena's files. Kept in the data, not rated by default (FastChat rates anonymous votes only).
   */
  named: boolean;
  /** The vote's id (`vote_id`) when the file has one: repeated ids are the same vote. */
  voteId: string | null;
}

export interface VoteFileProblem {
  line: number;
  message: string;
}

/** Model names as rated: surrounding spaces trimmed, Unicode NFC (so é typed two ways is one model). */
export const normaliseModelName = (name: string) => name.trim().normalize("NFC");

const booleanField = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False", "1", "0", ""]).transform((v) => v === "true" || v === "True" || v === "1"),
]);
const categoriesField = z.union([z.array(z.string()), z.string().transform((v) => (v ? v.split("|") : []))]);
const modelField = z.string().transform(normaliseModelName).pipe(z.string().min(1));

/** The columns the readers use; every other column is ignored. */
export const voteRowSchema = z
  .object({
    vote_id: z
      .union([z.string(), z.number().transform(String)])
      .optional()
      .nullable(),
    model_a: modelField,
    model_b: modelField,
    winner: z.enum(WINNERS as [Winner, ...Winner[]]),
    category: z.string().optional().nullable(),
    categories: categoriesField.optional().nullable(),
    tstamp: z
      .union([
        z.number(),
        z
          .string()
          .regex(/^\d+(\.\d+)?$/)
          .transform(Number),
        z.literal(""),
      ])
      .optional()
      .nullable(),
    flagged: booleanField.optional().nullable(),
    battle_kind: z.enum(["anonymous", "named", ""]).optional().nullable(),
    anony: booleanField.optional().nullable(),
  })
  .refine((row) => row.model_a !== row.model_b, { message: "model_a and model_b are the same model" });

/** A parsed row as a vote, or null with the reason added to `problems`. */
export function toBattle(raw: unknown, line: number, problems: VoteFileProblem[]): FileBattle | null {
  const parsed = voteRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.push({ line, message: `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}` });
    return null;
  }
  const row = parsed.data;
  const categories = row.categories && row.categories.length > 0 ? row.categories : row.category ? [row.category] : [];
  return {
    modelA: row.model_a,
    modelB: row.model_b,
    winner: row.winner,
    categories,
    tstamp: typeof row.tstamp === "number" ? row.tstamp : null,
    flagged: row.flagged ?? false,
    named: row.battle_kind === "named" || row.anony === false,
    voteId: row.vote_id ?? null,
  };
}

const WINNER_SET: ReadonlySet<string> = new Set(WINNERS);
const flag = (v: unknown) => (v === true || v === "true" ? true : v === false || v === "false" ? false : undefined);

/**
 * A parsed row whose fields already have their plain types (Parquet columns, JSON objects) as a
 * vote, without the schema's cost; undefined for anything else, which toBattle then reads or
 * reports. `names` caches normalised model names.
 */
export function plainRowToBattle(row: Record<string, unknown>, names: Map<string, string>): FileBattle | undefined {
  const { model_a: a, model_b: b, winner, vote_id: voteId, tstamp, categories, category } = row;
  if (typeof a !== "string" || typeof b !== "string" || typeof winner !== "string" || !WINNER_SET.has(winner))
    return undefined;
  const name = (raw: string) => names.get(raw) ?? (names.set(raw, normaliseModelName(raw)), names.get(raw)!);
  const [modelA, modelB] = [name(a), name(b)];
  if (!modelA || !modelB || modelA === modelB) return undefined;
  const flagged = row.flagged == null || row.flagged === "" ? false : flag(row.flagged);
  const anony = row.anony == null ? true : flag(row.anony);
  const kind = row.battle_kind ?? "";
  if (flagged === undefined || anony === undefined || !["anonymous", "named", ""].includes(kind as string))
    return undefined;
  if (tstamp != null && tstamp !== "" && typeof tstamp !== "number") return undefined;
  if (voteId != null && typeof voteId !== "string") return undefined;
  let list: string[];
  if (Array.isArray(categories) && categories.every((c) => typeof c === "string")) list = categories;
  else if (typeof categories === "string") list = categories ? categories.split("|") : [];
  else if (categories == null) list = [];
  else return undefined;
  if (list.length === 0 && typeof category === "string" && category) list = [category];
  return {
    modelA,
    modelB,
    winner: winner as Winner,
    categories: list,
    tstamp: typeof tstamp === "number" ? tstamp : null,
    flagged,
    named: kind === "named" || !anony,
    voteId: voteId ?? null,
  };
}
