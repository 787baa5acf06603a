/**
 * node-postgres's messages for a connection that is gone or does not answer: closed by the
 * server, cut mid-query, a connect that timed out (pg and pg-pool), or a query that got no reply
 * within `query_timeout`. pg raises these as plain Errors with no code, so the message is the
 * only signal there is; every other database error is classified by code.
 */
const CONNECTION_LOSS = new Set([
  "Connection terminated",
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Query read timeout",
]);

/** Whether an error is node-postgres reporting a lost or unanswering connection (see above). */
export function isConnectionLoss(error: unknown): boolean {
  return error instanceof Error && !("code" in error) && CONNECTION_LOSS.has(error.message);
}
