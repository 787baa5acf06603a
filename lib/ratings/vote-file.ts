import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import { z } from "zod";
import { type RatedBattle, WINNERS, type Winner } from "./types";

/** A vote as read from an export (or an LMArena battle file). */
export interface FileBattle extends RatedBattle {
  categories: string[];
  tstamp: number | null;
  flagged: boolean;
  /** A vote cast on a comparison the voter chose by name: kept in the data, never rated. */
  named: boolean;
}

export interface VoteFileProblem {
  line: number;
  message: string;
}

const booleanField = z.union([
  z.boolean(),
  z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1"),
]);
const categoriesField = z.union([z.array(z.string()), z.string().transform((v) => (v ? v.split("|") : []))]);

/** The columns the reader uses; every other column is ignored. */
const rowSchema = z
  .object({
    model_a: z.string().trim().min(1),
    model_b: z.string().trim().min(1),
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
  })
  .refine((row) => row.model_a !== row.model_b, { message: "model_a and model_b are the same model" });

function toBattle(raw: unknown, line: number, problems: VoteFileProblem[]): FileBattle | null {
  const parsed = rowSchema.safeParse(raw);
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
    named: row.battle_kind === "named",
  };
}

async function* readCsv(path: string, problems: VoteFileProblem[]): AsyncGenerator<FileBattle> {
  const parser = fs
    .createReadStream(path)
    .pipe(parse({ columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: unknown; info: { lines: number } }>) {
      const battle = toBattle(record, info.lines, problems);
      if (battle) yield battle;
    }
  } catch (error) {
    problems.push({
      line: (error as { lines?: number }).lines ?? 0,
      message: `unreadable CSV: ${(error as Error).message}`,
    });
  }
}

async function* readJsonLines(path: string, problems: VoteFileProblem[]): AsyncGenerator<FileBattle> {
  const lines = readline.createInterface({ input: fs.createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      problems.push({ line: number, message: "not valid JSON" });
      continue;
    }
    const battle = toBattle(json, number, problems);
    if (battle) yield battle;
  }
}

/**
 * Streams the votes of a CSV or JSONL vote file (by extension). Rows that do not parse are left
 * out and reported in `problems` with their line number; nothing throws on bad content.
 */
export function readVoteFile(path: string, problems: VoteFileProblem[]): AsyncGenerator<FileBattle> {
  if (/\.jsonl?$/i.test(path)) return readJsonLines(path, problems);
  if (/\.csv$/i.test(path)) return readCsv(path, problems);
  throw new Error(`unknown vote file type: ${path} (expected .csv or .jsonl)`);
}
