/** The header state-changing operator requests carry their CSRF token in (shared with the browser code). */
export const CSRF_HEADER = "x-csrf-token";

/**
 * The host the client addressed, as `npm start`'s front door computed it (lib/http/request-info.ts
 * stampRequestHost): X-Forwarded-Host only when the socket peer is a trusted proxy, else Host.
 * The front door deletes any copy a client sent. The operator Origin check compares against it.
 */
export const REQUEST_HOST_HEADER = "x-clip-arena-request-host";
