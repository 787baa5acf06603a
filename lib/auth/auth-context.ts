import type { AuthOptions } from "next-auth";
import { getDb } from "../db";
import { getEnv } from "../env";
import { getSessionSecret } from "../session-secret";
import { createAuthOptions } from "./auth-options";
import { type OperatorSession, readOperatorSession } from "./operator-session";

let options: AuthOptions | undefined;

/** next-auth's options for this process (one set of sign-in rate limiters). */
export function getAuthOptions(): AuthOptions {
  options ??= createAuthOptions(getDb(), getSessionSecret(), getEnv());
  return options;
}

/** The signed-in operator for a page, from the request's Cookie header. */
export function getOperatorSession(cookieHeader: string | null): Promise<OperatorSession | null> {
  return readOperatorSession(getDb(), getSessionSecret(), cookieHeader);
}
