import { type FieldIssue, isApiError, isDomainError } from "../errors";
import { rateLimitRetryAfterS } from "../rate-limit";
import { classifyDatabaseError } from "./database-errors";
import { HEADERS_OF_CODE, STATUS_OF_CODE } from "./error-status";

/**
 * The one error body shape of the API: `{ "error": { "code", "message" } }`, plus `field` and
 * `issue` (see FieldIssue) when one input is to blame.
 */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  fieldIssue?: FieldIssue,
): Response {
  return Response.json(
    { error: { code, message, ...fieldIssue } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  minimum?: unknown;
  /** What a size check was on: "string", "array", "number", … */
  origin?: unknown;
  format?: unknown;
  params?: { issue?: unknown };
  /** A union's failed options, each with its own issues (paths relative to the union). */
  errors?: ZodLikeIssue[][];
}

/**
 * The issue to report: for a union none of whose options matched (a tag given as a bare name or
 * as a `{ tag, atMs }` mark), the most specific issue inside it — the one deepest in the input,
 * so `tags.left.0.atMs` rather than `tags.left.0` — when one option got further than the others.
 */
function specificIssue(issue: ZodLikeIssue): ZodLikeIssue {
  if (issue.code !== "invalid_union" || !Array.isArray(issue.errors)) return issue;
  const inner = issue.errors
    .flat()
    .map((nested) => specificIssue({ ...nested, path: [...issue.path, ...nested.path] }));
  const deepest = inner.reduce<ZodLikeIssue | undefined>(
    (best, next) => (!best || next.path.length > best.path.length ? next : best),
    undefined,
  );
  return deepest && deepest.path.length > issue.path.length ? deepest : issue;
}

interface ZodLikeError {
  issues: ZodLikeIssue[];
}

/** zod's issue code, made specific where a form needs it: a blank required field, a date, a URL. */
function fieldIssueOf(issue: ZodLikeIssue): FieldIssue | undefined {
  if (issue.path.length === 0) return undefined;
  const field = issue.path.map(String).join(".");
  // A string or list below one element is a blank field; a number below 1 is just too small.
  if (issue.code === "too_small" && issue.minimum === 1 && (issue.origin === "string" || issue.origin === "array"))
    return { field, issue: "required" };
  if (issue.code === "invalid_format" && (issue.format === "date" || issue.format === "url"))
    return { field, issue: `invalid_${issue.format}` };
  if (issue.code === "custom" && typeof issue.params?.issue === "string") return { field, issue: issue.params.issue };
  return { field, issue: issue.code ?? "invalid" };
}

// Duck-typed, not `instanceof`: Next.js's bundle and `npm start`'s direct routes each load their
// own copy of zod, rate-limiter-flexible and lib/errors.ts.
function isZodError(error: unknown): error is ZodLikeError {
  return error instanceof Error && error.name === "ZodError" && Array.isArray((error as Partial<ZodLikeError>).issues);
}

const DATABASE_ANSWERS = {
  unavailable: [503, "database_unavailable", "The database is unavailable; try again shortly.", { "Retry-After": "5" }],
  invalid_input: [400, "invalid_request", "The request holds a value that cannot be stored or looked up.", {}],
  conflict: [409, "conflict", "That conflicts with an existing record.", {}],
  not_found: [404, "not_found", "There is no such record.", {}],
} as const;

/**
 * The one error mapper: maps anything a handler throws to a response in the error shape.
 * ApiError keeps its status, code and field issue; a DomainError gets its code's status (and
 * headers) from STATUS_OF_CODE and HEADERS_OF_CODE (lib/http/error-status.ts) and keeps its field issue; a ZodError is a 400 naming the first bad field
 * (message, `field` and `issue`); a
 * malformed percent-escape (URIError, from a path, query or cookie) is a 400; a rate limiter's
 * refusal is a 429 with Retry-After; database errors by code (see classifyDatabaseError), with
 * connection loss a 503 with Retry-After; anything else is a 500 with the detail only in the log.
 */
export function toErrorResponse(error: unknown): Response {
  if (isApiError(error)) return errorResponse(error.status, error.code, error.message, error.headers, error.fieldIssue);
  if (isDomainError(error))
    return errorResponse(
      STATUS_OF_CODE[error.code],
      error.code,
      error.message,
      HEADERS_OF_CODE[error.code],
      error.fieldIssue,
    );
  if (isZodError(error)) {
    const first = error.issues[0];
    const issue = first && specificIssue(first);
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
    const message = `${where}${issue?.message ?? "invalid request"}`;
    return errorResponse(400, "invalid_request", message, {}, issue && fieldIssueOf(issue));
  }
  if (error instanceof URIError)
    return errorResponse(400, "invalid_request", "The request holds a malformed percent-encoding.");
  const retryAfterS = rateLimitRetryAfterS(error);
  if (retryAfterS !== null)
    return errorResponse(429, "rate_limited", `Too many requests; try again in ${retryAfterS} s.`, {
      "Retry-After": String(retryAfterS),
    });
  const databaseClass = classifyDatabaseError(error);
  if (databaseClass) {
    const [status, code, message, headers] = DATABASE_ANSWERS[databaseClass];
    return errorResponse(status, code, message, headers);
  }
  console.error(error);
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}
