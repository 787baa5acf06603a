import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { createRateLimiter } from "../rate-limit";
import { hashAddress } from "../address-hash";
import { findOperatorByEmail, type Operator, revokeOperatorSessions } from "./operators";
import type { SessionClaims } from "./operator-session";
import { signInWithPassword } from "./sign-in";

/** Operator sessions last a working day; signing in again is cheap. */
const SESSION_MAX_AGE_S = 12 * 3600;

/** The client's address from the request headers next-auth hands authorize() as a plain object. */
export type ClientAddressOf = (headers: Record<string, unknown> | undefined) => string;

/**
 * next-auth's configuration: email + password for every operator, and GitHub when GITHUB_ID and
 * GITHUB_SECRET are set (only for emails an admin has already given an account). Sessions are
 * JWTs carrying the account id and a random sign-in id (`sid`) that keys the CSRF token; roles
 * are read from the database on each request, never trusted from the token. The sign-in limits key
 * on `clientAddressOf`, which the HTTP layer supplies: it alone knows how addresses are resolved;
 * they are counted in `rateLimitStore` (Redis) when one is given, else in memory.
 */
export function createAuthOptions(
  db: Db,
  secret: string,
  env: Env,
  clientAddressOf: ClientAddressOf,
  rateLimitStore?: Redis,
): AuthOptions {
  const window = { points: env.SIGN_IN_ATTEMPTS_PER_15_MINUTES, durationS: 15 * 60 };
  const limiters = {
    address: createRateLimiter("sign-in:address", window, rateLimitStore),
    accountAtAddress: createRateLimiter("sign-in:account-address", window, rateLimitStore),
  };
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        signInWithPassword(db, limiters, credentials, hashAddress(clientAddressOf(request.headers), secret)),
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET)
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));

  return {
    secret,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // next-auth's default rule (a path or a same-origin URL, else the home page), except that a
      // callbackUrl in a request body that is no URL at all also means the home page: the
      // default's `new URL` threw, a 500 ("Invalid URL") for any client that sent one.
      redirect: ({ url, baseUrl }) => {
        if (url.startsWith("/")) return `${baseUrl}${url}`;
        return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
      },
      // OAuth accounts sign in only when an admin created an account for that email.
      signIn: async ({ user, account }) =>
        account?.provider === "credentials" ||
        (user.email ? (await findOperatorByEmail(db, user.email)) !== null : false),
      jwt: async ({ token, user, account }) => {
        if (!user) return token;
        const operator: Operator | null =
          account?.provider === "credentials"
            ? (user as unknown as Operator)
            : await findOperatorByEmail(db, user.email ?? "");
        const claims: SessionClaims = { sub: operator?.id, sid: randomUUID(), sv: operator?.sessionVersion };
        return { ...token, ...claims };
      },
    },
    events: {
      // Signing out revokes the token itself, not just the cookie: a copy of it stops working.
      signOut: async ({ token }) => {
        if (typeof token?.sub === "string") await revokeOperatorSessions(db, token.sub);
      },
    },
  };
}
