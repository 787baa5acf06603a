import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { ApiError } from "../errors";
import { consumeRateLimit } from "../rate-limit";
import { normaliseEmail, type Operator, verifyCredentials } from "./operators";
import { SIGN_IN_RATE_LIMITED } from "./sign-in-errors";

export interface SignInLimiters {
  /** Attempts per client address. */
  address: RateLimiterAbstract;
  /** Attempts per account, so many addresses cannot guess one password together. */
  email: RateLimiterAbstract;
}

/**
 * Checks an email and password under the sign-in rate limits. Returns the operator or null
 * (wrong password and unknown email look the same); throws Error(SIGN_IN_RATE_LIMITED) once
 * the address or the email has spent its attempts.
 */
export async function signInWithPassword(
  db: Db,
  limiters: SignInLimiters,
  credentials: { email?: string; password?: string } | undefined,
  addressKey: string,
): Promise<Operator | null> {
  const email = normaliseEmail(credentials?.email ?? "");
  const password = credentials?.password ?? "";
  try {
    await consumeRateLimit(limiters.address, addressKey);
    if (email) await consumeRateLimit(limiters.email, email);
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) throw new Error(SIGN_IN_RATE_LIMITED);
    throw error;
  }
  if (!email || !password || password.length > 1024) return null;
  return verifyCredentials(db, email, password);
}
