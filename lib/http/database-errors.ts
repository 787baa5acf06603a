import { isConnectionLoss } from "../db/connection-loss";

/** What a database error means for the client, or null for a fault of ours (a 500). */
export type DatabaseErrorClass = "unavailable" | "invalid_input" | "conflict" | "not_found";

/** Prisma's codes, Node's socket codes and driver-adapter kinds that mean "cannot reach the database". */
const UNAVAILABLE = new Set([
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
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
]);
/**
 * Values the database refuses to store or compare: Prisma's value errors, the driver adapter's
 * kinds, and PostgreSQL's class 22 "data exception" (22021: a NUL byte or invalid UTF-8 in text).
 */
const INVALID_INPUT = new Set([
  "P2000",
  "P2006",
  "P2007",
  "P2020",
  "P2023",
  "InvalidInputValue",
  "LengthMismatch",
  "ValueOutOfRange",
]);
const CONFLICT = new Set(["P2002", "UniqueConstraintViolation"]);
const NOT_FOUND = new Set(["P2025"]);

/** Every code and kind an error carries, on itself, its cause, or the driver-adapter error Prisma wraps. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    for (const field of ["code", "originalCode", "kind"])
      if (typeof record[field] === "string") codes.push(record[field]);
    visit(record.cause, depth + 1);
    visit((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  };
  visit(error, 0);
  return codes;
}

/**
 * Classifies a database error by its codes (Prisma `P…`, SQLSTATE, driver-adapter kind, socket
 * errno), never by message text — except node-postgres's code-less "Connection terminated".
 */
export function classifyDatabaseError(error: unknown): DatabaseErrorClass | null {
  const codes = errorCodes(error);
  if (codes.some((code) => UNAVAILABLE.has(code)) || isConnectionLoss(error)) return "unavailable";
  if (codes.some((code) => INVALID_INPUT.has(code) || /^22[0-9A-Z]{3}$/.test(code))) return "invalid_input";
  if (codes.some((code) => CONFLICT.has(code))) return "conflict";
  if (codes.some((code) => NOT_FOUND.has(code))) return "not_found";
  return null;
}
