import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { consumeRateLimit, rateLimitRetryAfterS } from "../rate-limit";
import { normaliseEmail, type Operator, verifyCredentials } from "./operators";
import { SIGN_IN_RATE_LIMITED } from "./sign-in-errors";

export interface SignInLimiters {
  /** Attempts per client address, whatever the account. */
  address: RateLimiterAbstract;
  /**
   * Attempts per account from one address. Never per account alone: then anyone could lock the
   * owner out by failing ten times (OWASP's "account lockout" denial of service); the owner
   * signing in from another address is not slowed by guesses made elsewhere.
   */
  accountAtAddress: RateLimiterAbstract;
}

/**
 * Checks an email and password under the sign-in rate limits. Returns the operator or null
 * (wrong password and unknown email look the same); throws Error(SIGN_IN_RATE_LIMITED) once
 * the address, or this account from this address, has spent its attempts. A successful sign-in
 * gives the account's attempts at this address back.
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
    if (email) await consumeRateLimit(limiters.accountAtAddress, `${email}|${addressKey}`);
  } catch (error) {
    if (rateLimitRetryAfterS(error) !== null) throw new Error(SIGN_IN_RATE_LIMITED);
    throw error;
  }
  if (!email || !password || password.length > 1024) return null;
  const operator = await verifyCredentials(db, email, password);
  if (operator) await limiters.accountAtAddress.delete(`${email}|${addressKey}`);
  return operator;
}
