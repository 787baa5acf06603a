import { parse as parseCsv } from "csv-parse/sync";
import {
  findNodeAtLocation,
  getNodeValue,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import type { z } from "zod";
import { type ImportProblem, importIssue, importProblemCodeOf } from "./import-problem";
import { type ImportManifest, importManifestSchema } from "./manifest";

export type { ImportProblem };

export type ManifestFormat = "json" | "csv";

/** A manifest's format from its file name: `.csv` is CSV, anything else JSON. */
export function manifestFormatOf(fileName: string): ManifestFormat {
  return fileName.toLowerCase().endsWith(".csv") ? "csv" : "json";
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
const pathText = (path: PropertyKey[]) =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");

/** Places a problem in the source: its line and field, from a path into the manifest. */
export type Locate = (path: PropertyKey[]) => string;

/** What reading a manifest gives: the manifest, or every problem; `locate` places later problems. */
export interface ReadManifest {
  manifest?: ImportManifest;
  problems: ImportProblem[];
  locate?: Locate;
}

/** Validates parsed data, placing each problem with `locate` (its line in the source). */
function validate(data: unknown, locate: Locate): ReadManifest {
  const parsed = importManifestSchema.safeParse(data);
  if (parsed.success) return { manifest: parsed.data, problems: [], locate };
  return {
    problems: parsed.error.issues.map((issue: z.core.$ZodIssue) => ({
      where: locate(issue.path),
      ...importIssue(importProblemCodeOf(issue), issue.message),
    })),
  };
}

/** A JSON manifest; every problem says its line, found from the parse tree's offsets. */
function readJsonManifest(text: string): ReadManifest {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    return {
      problems: errors.slice(0, 20).map((e) => ({
        where: `line ${lineAt(text, e.offset)}`,
        ...importIssue("json_syntax", `not valid JSON (${printParseErrorCode(e.error)})`, {
          detail: printParseErrorCode(e.error),
        }),
      })),
    };
  }
  return validate(getNodeValue(root) as unknown, (path) => {
    // A missing field has no node: point at the nearest object that does exist.
    let node: Node | undefined;
    for (let depth = path.length; depth >= 0 && !node; depth -= 1)
      node = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    const where = pathText(path);
    return `line ${lineAt(text, node?.offset ?? 0)}${where ? ` (${where})` : ""}`;
  });
}

/** The columns of a CSV manifest: one row per clip, the prompt's fields repeated (or left blank) on its rows. */
export const CSV_COLUMNS = [
  "prompt",
  "text_en",
  "text_zh",
  "mode",
  "image",
  "categories",
  "model",
  "file",
  "prompt_lang",
  "first_take",
  "watermarked",
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

const CLIP_COLUMN: Record<string, string> = {
  prompt: "prompt",
  model: "model",
  file: "file",
  promptLang: "prompt_lang",
  firstTake: "first_take",
  watermarked: "watermarked",
};
const PROMPT_COLUMN: Record<string, string> = {
  key: "prompt",
  textEn: "text_en",
  textZh: "text_zh",
  mode: "mode",
  image: "image",
  categories: "categories",
};

/**
 * A CSV manifest: clips of models and categories that already exist, with their prompts inline.
 * Rows of one prompt must agree on its fields (blank means "as above"); problems name the line.
 */
function readCsvManifest(text: string): ReadManifest {
  let records: { record: CsvRow; info: { lines: number } }[];
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      problems: [
        {
          where: line ? `line ${line}` : "manifest",
          ...importIssue("csv_syntax", `not valid CSV (${(error as Error).message})`, {
            detail: (error as Error).message,
          }),
        },
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0)
    problems.push({
      where: "line 1",
      ...importIssue(
        "unknown_columns",
        `unknown column(s): ${unknown.join(", ")}; expected ${CSV_COLUMNS.join(", ")}`,
        {
          columns: unknown.join(", "),
          expected: CSV_COLUMNS.join(", "),
        },
      ),
    });

  const prompts = new Map<string, { fields: Record<string, unknown>; line: number }>();
  const clipLines: number[] = [];
  const clips = records.map(({ record, info }) => {
    const line = info.lines;
    const key = record.prompt ?? "";
    const fields: Record<string, unknown> = {
      key,
      ...(record.text_en ? { textEn: record.text_en } : {}),
      ...(record.text_zh ? { textZh: record.text_zh } : {}),
      ...(record.mode ? { mode: record.mode } : {}),
      ...(record.image ? { image: record.image } : {}),
      ...(record.categories
        ? {
            categories: record.categories
              .split("|")
              .map((c) => c.trim())
              .filter(Boolean),
          }
        : {}),
    };
    const earlier = prompts.get(key);
    if (!earlier) prompts.set(key, { fields, line });
    else {
      for (const [name, value] of Object.entries(fields)) {
        const before = earlier.fields[name];
        if (before === undefined) earlier.fields[name] = value;
        else if (JSON.stringify(before) !== JSON.stringify(value))
          problems.push({
            where: `line ${line} (${PROMPT_COLUMN[name]})`,
            ...importIssue("differs_from_line", `differs from line ${earlier.line} for prompt "${key}"`, {
              line: String(earlier.line),
              prompt: key,
            }),
          });
      }
    }
    clipLines.push(line);
    const flag = (text: string) =>
      ["true", "yes", "1"].includes(text) ? true : ["false", "no", "0"].includes(text) ? false : text;
    const firstTake = (record.first_take ?? "").toLowerCase();
    const watermarked = (record.watermarked ?? "").toLowerCase();
    return {
      prompt: key,
      model: record.model,
      file: record.file,
      promptLang: record.prompt_lang,
      firstTake: firstTake === "" ? true : flag(firstTake),
      ...(watermarked === "" ? {} : { watermarked: flag(watermarked) }),
    };
  });
  const promptList = [...prompts.values()];
  const result = validate({ prompts: promptList.map((p) => p.fields), clips }, (path) => {
    const [list, index, field] = path as [string, number, string | undefined];
    if (list === "clips") return `line ${clipLines[index] ?? 1}${field ? ` (${CLIP_COLUMN[field] ?? field})` : ""}`;
    if (list === "prompts")
      return `line ${promptList[index]?.line ?? 1}${field ? ` (${PROMPT_COLUMN[field] ?? field})` : ""}`;
    return "manifest";
  });
  return problems.length === 0 ? result : { problems: [...problems, ...result.problems] };
}

/** Parses and validates a manifest's text; returns it, or every problem found with its line. */
export function readManifest(text: string, format: ManifestFormat): ReadManifest {
  return format === "csv" ? readCsvManifest(text) : readJsonManifest(text);
}
