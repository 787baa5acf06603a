import type { ImportProblem } from "@/lib/import/import-problem";
import type { ApiErrorTranslator } from "./api-error-message";

/** Where a problem is, as lib/import/read-manifest places it: `line 12` or `line 12 (clips[3].file)`. */
const PLACE = /^line (\d+)(?: \((.+)\))?$/;

/**
 * One import problem in the page's language, e.g. "第 2 行（model）：未知的模型“veo-9”。": its
 * place and its sentence, from next-intl's translator scoped to `admin.import` (messages
 * `at`, `problem`, `problems.<code>` with the problem's params). A code or place the messages
 * do not know (a newer server) falls back to the English `where` and `message` from lib/import,
 * so nothing is lost, as apiErrorMessage does for API errors.
 */
export function importProblemMessage(t: ApiErrorTranslator, problem: ImportProblem): string {
  const where = importPlaceText(t, problem.where);
  const key = `problems.${problem.code}`;
  return t("problem", { where, problem: t.has(key) ? t(key, problem.params) : problem.message });
}

/** A place in a manifest (`line 12 (clips[3].file)`) in the page's language; unknown forms as they are. */
export function importPlaceText(t: ApiErrorTranslator, where: string): string {
  const place = PLACE.exec(where);
  return place ? t("at", { line: place[1] ?? "", hasField: place[2] ? "yes" : "no", field: place[2] ?? "" }) : where;
}
