/** An API error body as a page receives it: `{ "error": { code, message, field?, issue? } }` (lib/http/errors.ts). */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  issue?: string;
}

/**
 * The error body of a failed API response (`{ "error": { code, message } }`); when the body is not
 * in that shape (a proxy's HTML error page, an empty body) a stand-in with code "http_error" and
 * the message "HTTP <status>", which apiErrorMessage shows inside its translated fallback frame.
 */
export async function apiErrorOf(response: Response): Promise<ApiErrorBody> {
  const json = (await response.json().catch(() => null)) as { error?: Partial<ApiErrorBody> } | null;
  const error = json?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") return error as ApiErrorBody;
  return { code: "http_error", message: `HTTP ${response.status}` };
}

/** A failed API request, carrying the error body so the page can say it in its own language. */
export class ApiRequestError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiRequestError";
  }
}

/** The part of next-intl's translator, scoped to the `apiErrors` messages, that this needs. */
export interface ApiErrorTranslator {
  (key: string, values?: Record<string, string>): string;
  has(key: string): boolean;
}

/**
 * An API error in the page's language, for a form to show. A field issue reads "<label>: <what is
 * wrong>", with the label the form itself shows for that field (`labelOf` gets the field's wire
 * name, e.g. "textEn" or "categories.0", and answers null when the form has no such label: the
 * issue is then said alone). Without a field, a known `code` has its own sentence; an unknown one
 * falls back to the API's (English) message inside a translated frame, so nothing is lost.
 */
export function apiErrorMessage(
  t: ApiErrorTranslator,
  error: ApiErrorBody,
  labelOf: (field: string) => string | null,
): string {
  if (error.field && error.issue) {
    const problem = t.has(`issues.${error.issue}`) ? t(`issues.${error.issue}`) : t("issues.invalid");
    const label = labelOf(error.field);
    return label ? t("withLabel", { label, problem }) : problem;
  }
  // The first line of a message says what went wrong; any further lines list the details.
  const details = error.message.split("\n").slice(1).join("\n");
  const values = { message: error.message, details };
  return t.has(`codes.${error.code}`) ? t(`codes.${error.code}`, values) : t("codes.other", values);
}

/**
 * The words of the label of a form's control named `field` (its first part: "categories.0" is the
 * control "categories"): the label's own text, without any hint or control inside it; null when
 * the form has no labelled control of that name.
 */
export function formLabelOf(form: HTMLFormElement, field: string): string | null {
  const named = form.elements.namedItem(field.split(".")[0] ?? field);
  const control = named instanceof RadioNodeList ? named[0] : named;
  if (!control) return null;
  // A checkbox or radio in a fieldset is one choice of a group that its legend names.
  const choice = control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio");
  const legend = choice ? control.closest("fieldset")?.querySelector("legend") : null;
  const source = legend ?? ("labels" in control ? (control as HTMLInputElement).labels?.[0] : undefined);
  const words = source
    ? [...source.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())
    : undefined;
  return words?.textContent?.trim() ?? null;
}
