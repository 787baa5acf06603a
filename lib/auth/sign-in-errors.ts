/** The code a rate-limited sign-in reports to the form (next-auth passes an error's message on). */
export const SIGN_IN_RATE_LIMITED = "rate_limited";
