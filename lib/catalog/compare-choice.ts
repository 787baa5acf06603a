import { MAX_COMPARED_MODELS } from "./comparison";

/** Something wrong with what was asked of /compare, said to the reader rather than dropped. */
export type CompareProblem =
  | { kind: "unknownPrompt" }
  | { kind: "tooMany"; chosen: number; max: number }
  | { kind: "tooFew" }
  | { kind: "unknownModels"; slugs: string[] }
  | { kind: "noClip"; names: string[] };

/** What /compare was asked for, after parsing the query string. */
export interface CompareRequest {
  /** The `prompt` parameter, if any. */
  promptId: string | undefined;
  /** The `models` parameter: every slug given, duplicates removed, in order. */
  slugs: string[];
}

/**
 * Checks a /compare request against what exists: an unknown prompt id, more than
 * MAX_COMPARED_MODELS models, exactly one model, slugs that name no model, and chosen models
 * without a clip for the prompt. Returns every problem, in that order; an empty list means the
 * request is shown as asked. Pure: the page passes in what it loaded.
 */
export function checkCompareRequest(
  request: CompareRequest,
  known: { promptFound: boolean; modelNames: Map<string, string>; slugsWithClip: Set<string> },
): CompareProblem[] {
  const problems: CompareProblem[] = [];
  if (request.promptId !== undefined && !known.promptFound) problems.push({ kind: "unknownPrompt" });
  if (request.slugs.length > MAX_COMPARED_MODELS)
    problems.push({ kind: "tooMany", chosen: request.slugs.length, max: MAX_COMPARED_MODELS });
  if (request.slugs.length === 1) problems.push({ kind: "tooFew" });
  const unknown = request.slugs.filter((slug) => !known.modelNames.has(slug));
  if (unknown.length > 0) problems.push({ kind: "unknownModels", slugs: unknown });
  const showable = known.promptFound && request.slugs.length <= MAX_COMPARED_MODELS;
  const missing = request.slugs.filter((slug) => known.modelNames.has(slug) && !known.slugsWithClip.has(slug));
  if (showable && missing.length > 0)
    problems.push({ kind: "noClip", names: missing.map((slug) => known.modelNames.get(slug) ?? slug) });
  return problems;
}

/** The `models` query parameter as a list: repeated (`?models=a&models=b`) or comma-separated. */
export function parseModelsParam(value: string | string[] | undefined): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [
    ...new Set(
      raw
        .flatMap((v) => v.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
