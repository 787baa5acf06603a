/**
 * Which input of a request is wrong and how, so that a form can say it in its page's language
 * under its own label: `field` is the input's name on the wire ("slug", "categories.0"), `issue` a
 * stable code — "required", "too_small", "too_big", "invalid_date", "invalid_url",
 * "invalid_format", "invalid_value", "taken", or a refinement's own (zod `params.issue`).
 */
export interface FieldIssue {
  field: string;
  issue: string;
}

/** An expected failure with a stable code and a message that is safe to show the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly fieldIssue?: FieldIssue,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The codes domain code throws without choosing an HTTP status (issue 30): lib/http's
 * STATUS_OF_CODE gives each its status, so the table must name every code here.
 */
export type DomainErrorCode =
  // arena
  | "battle_not_found"
  | "not_your_battle"
  | "battle_expired"
  | "already_voted"
  | "battle_skipped"
  | "not_voted"
  | "tags_closed"
  | "no_battle_available"
  | "clip_not_found"
  // one input, or a record, of any domain
  | "invalid_request"
  | "not_found"
  | "conflict"
  | "unknown_category"
  | "unknown_model"
  // operators: sign-in, uploads, imports, moderation, releases
  | "unauthenticated"
  | "forbidden"
  | "csrf_failed"
  | "unsupported_media_type"
  | "unreadable_video"
  | "ffmpeg_missing"
  | "ffmpeg_interrupted"
  | "invalid_manifest"
  | "named_vote"
  | "release_in_progress"
  // recognition survey
  | "vote_not_found"
  | "recognition_not_asked"
  | "recognition_answered"
  | "recognition_model_unknown"
  // a voter's own board (/me)
  | "no_voter_session";

/**
 * An expected failure of the domain: a stable code and a message safe to show the client; the
 * HTTP layer maps the code to a status (lib/http/error-status.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input to blame, when one is (a form shows the message under that field). */
    readonly fieldIssue?: FieldIssue,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Whether a value is a DomainError, checked by shape for the reason isApiError gives. */
export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof Error && error.name === "DomainError" && typeof (error as Partial<DomainError>).code === "string"
  );
}

/** A DomainError about one input (invalid_request unless said otherwise), with its field issue. */
export function fieldError(
  message: string,
  fieldIssue: FieldIssue,
  code: DomainErrorCode = "invalid_request",
): DomainError {
  return new DomainError(code, message, fieldIssue);
}

/**
 * Whether a value is an ApiError. Checked by shape, not `instanceof`: Next.js's bundle and
 * `npm start`'s direct routes each hold their own copy of this module.
 */
export function isApiError(error: unknown): error is ApiError {
  if (!(error instanceof Error) || error.name !== "ApiError") return false;
  const candidate = error as Partial<ApiError>;
  return typeof candidate.status === "number" && typeof candidate.code === "string";
}

/** Whether a Prisma error is a unique-constraint violation (code P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
