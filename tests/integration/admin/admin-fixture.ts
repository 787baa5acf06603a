import { randomUUID } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { AdminContext } from "@/lib/http/admin-api";
import { CSRF_HEADER } from "@/lib/auth/csrf-header";
import { csrfTokenFor } from "@/lib/auth/operator-session";
import { type Role, saveOperator } from "@/lib/auth/operators";
import type { ArenaFixture } from "../arena-fixture";

/** A signed-in operator as the browser holds them: next-auth's session cookie and the CSRF token. */
export interface SignedIn {
  cookie: string;
  csrf: string;
}

/**
 * Creates an account and the session cookie next-auth would set after a sign-in, encoded with
 * next-auth's own `encode`, so requests go through the real session check.
 */
export async function signInAs(f: ArenaFixture, email: string, role: Role): Promise<SignedIn> {
  await saveOperator(f.db, email, "correct horse battery staple", role);
  const user = await f.db.user.findUniqueOrThrow({ where: { email } });
  const sid = randomUUID();
  const token = await encode({ token: { sub: user.id, sid }, secret: f.ctx.secret });
  return { cookie: `next-auth.session-token=${token}`, csrf: csrfTokenFor(f.ctx.secret, sid) };
}

/** The operator context over an arena fixture, with a small upload limit for the size tests. */
export function adminContextOf(f: ArenaFixture, maxUploadBytes = 5 * 1024 * 1024): AdminContext {
  return {
    db: f.db,
    // The fixture's arena shares the cache, so an operator's edit reaches its next battle.
    arenaCache: f.ctx.cache,
    secret: f.ctx.secret,
    store: f.store,
    maxUploadBytes,
    // Inside the fixture's own temporary folder, so they go when it does.
    importDir: path.join(f.store.root, "import"),
    releases: { bootstrap: 20 },
  };
}

/** An operator API request as the admin pages send it. */
export function adminRequest(
  method: string,
  url: string,
  options: { as?: SignedIn; body?: FormData | object; csrf?: string | null; origin?: string } = {},
): Request {
  const headers: Record<string, string> = { host: "localhost" };
  if (options.as) headers.cookie = options.as.cookie;
  const csrf = options.csrf === undefined ? options.as?.csrf : options.csrf;
  if (csrf) headers[CSRF_HEADER] = csrf;
  if (options.origin) headers.origin = options.origin;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  return new Request(`http://localhost${url}`, { method, headers, body });
}

/** A multipart form with fields and an optional file part under a given client-side name. */
export function formWith(
  fields: Record<string, string>,
  file?: { field: string; name: string; bytes: Buffer },
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append(file.field, new Blob([new Uint8Array(file.bytes)]), file.name);
  return form;
}
