/** The header state-changing operator requests carry their CSRF token in (shared with the browser code). */
export const CSRF_HEADER = "x-csrf-token";
