import { ZodError } from "zod";
import { isConnectionLoss } from "../db/connection-loss";
import { ApiError } from "../errors";

/** The one error body shape of the API: `{ "error": { "code", "message" } }`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * Maps anything thrown by a handler to a response: ApiError keeps its status, a ZodError is a 400
 * naming the first bad field, and everything else is a generic 500 with the detail only in the log.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.headers);
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return errorResponse(400, "invalid_request", `${where}${issue?.message ?? "invalid request"}`);
  }
  if (isDatabaseUnavailable(error)) {
    return errorResponse(503, "database_unavailable", "The database is unavailable; try again shortly.", {
      "Retry-After": "5",
    });
  }
  console.error(error);
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}

/** Prisma's codes, Node's socket codes and driver-adapter kinds that mean "cannot reach the database". */
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "SQLITE_BUSY",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; cause?: { kind?: string; code?: string } } | null;
  return (
    UNAVAILABLE_CODES.has(e?.code ?? "") ||
    UNAVAILABLE_CODES.has(e?.cause?.code ?? "") ||
    UNAVAILABLE_KINDS.has(e?.cause?.kind ?? "") ||
    isConnectionLoss(error)
  );
}
