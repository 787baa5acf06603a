/**
 * Every code an import problem can have. Each has its sentence in messages/*.json under
 * `admin.import.problems.<code>`, with the problem's params as values. The schema codes are zod's
 * issue codes (https://zod.dev/api#issues), or the `issue` param of a refinement.
 */
export const IMPORT_PROBLEM_CODES = [
  "json_syntax",
  "csv_syntax",
  "unknown_columns",
  "differs_from_line",
  "invalid_type",
  "too_small",
  "too_big",
  "invalid_format",
  "invalid_value",
  "unrecognized_keys",
  "invalid",
  "outside_folder",
  "needs_text",
  "image_for_mode",
  "appears_twice",
  "name_taken",
  "unknown_category",
  "second_clip",
  "unknown_prompt",
  "unknown_model",
  "no_such_file",
  "symbolic_link",
  "file_too_large",
  "download_refused",
  "download_failed",
  "not_a_video",
  "not_an_image",
  "undecodable",
  "retired",
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/**
 * What is wrong with a manifest or one of its files: a stable `code` and the values it names
 * (`params`, e.g. `{ model: "veo-3" }`), for a page to say it in its own language, and `message`,
 * the same in English for the CLI and logs.
 */
export interface ImportIssue {
  code: ImportProblemCode;
  params: Record<string, string>;
  message: string;
}

/** An import problem and where it is: `line 12` and, when it helps, the field, e.g. `line 12 (clips[3].file)`. */
export interface ImportProblem extends ImportIssue {
  where: string;
}

/** An ImportIssue from its parts. */
export function importIssue(
  code: ImportProblemCode,
  message: string,
  params: Record<string, string> = {},
): ImportIssue {
  return { code, params, message };
}

/** The problem code of a zod issue: a refinement's own `issue` param, else zod's code when listed. */
export function importProblemCodeOf(issue: { code: string; params?: Record<string, unknown> }): ImportProblemCode {
  const code = issue.code === "custom" ? issue.params?.issue : issue.code;
  return (IMPORT_PROBLEM_CODES as readonly unknown[]).includes(code) ? (code as ImportProblemCode) : "invalid";
}
