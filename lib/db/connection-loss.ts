/**
 * Whether an error is node-postgres reporting that the server closed the connection. pg raises a
 * plain Error with no code for this ("Connection terminated unexpectedly"), so its message is the
 * only signal there is; every other database error is classified by code.
 */
export function isConnectionLoss(error: unknown): boolean {
  return error instanceof Error && !("code" in error) && /^Connection terminated( unexpectedly)?$/.test(error.message);
}
