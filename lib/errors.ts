/** An expected failure with a stable code and a message that is safe to show the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
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
