import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { saveOperator } from "@/lib/auth/operators";
import { type RunningServer, startServer } from "../../../scripts/bench/server";
import { createTestDatabase, type TestDatabase, testEngines } from "../engines";

// next-auth's routes (/api/auth/*) behind `npm start`, attacked with what a browser never sends.
// Needs the production build, like the raw-socket fuzz.
const BUILT = fs.existsSync(path.join(".next", "BUILD_ID"));
const EMAIL = "fuzz-ops@example.org";
const PASSWORD = "a long enough password";

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** The error code of an answer in the API's error shape. */
function errorCode(answer: Answer): unknown {
  return (JSON.parse(answer.text) as { error?: { code?: unknown } }).error?.code;
}

/** Requests next-auth answered with a 5xx (a SyntaxError, "Invalid URL", its configuration page) before the fix. */
const HOSTILE: { name: string; path: string; init?: RequestInit }[] = [
  { name: "malformed JSON body", path: "/api/auth/callback/credentials", init: json("{") },
  { name: "JSON body that ends early", path: "/api/auth/signin/credentials", init: json('{"csrfToken":"x"') },
  { name: "JSON NaN", path: "/api/auth/session", init: json("NaN") },
  { name: "GET on the credentials callback", path: "/api/auth/callback/credentials" },
  { name: "unparsable callbackUrl in the query", path: "/api/auth/session?callbackUrl=::::" },
  { name: "unparsable callbackUrl in the query of a POST", path: "/api/auth/signout?callbackUrl=::::", init: form({}) },
  {
    name: "unparsable callbackUrl cookie",
    path: "/api/auth/session",
    init: { headers: { cookie: "next-auth.callback-url=::::" } },
  },
  {
    name: "unparsable callbackUrl in a form body",
    path: "/api/auth/callback/credentials",
    init: form({ callbackUrl: "::::" }),
  },
  {
    name: "unparsable callbackUrl in a JSON body",
    path: "/api/auth/signin/credentials",
    init: json('{"callbackUrl":"::::"}'),
  },
];

function json(body: string): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body };
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

describe.each(testEngines)("next-auth's endpoints under hostile input, on %s", (engine) => {
  let database: TestDatabase;
  let mediaDir: string;
  let server: RunningServer | undefined;
  const port = engine === "sqlite" ? 3652 : 3653;

  async function send(target: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(`${server!.baseUrl}${target}`, { redirect: "manual", ...init });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  beforeAll(async () => {
    if (!BUILT) throw new Error("no production build: run `npm run build` before the integration suite");
    database = await createTestDatabase(engine);
    await saveOperator(database.db, EMAIL, PASSWORD, "admin");
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-auth-media-"));
    server = await startServer(port, {
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      RECOMPUTE_CHECK_SECONDS: "3600",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  test.each(HOSTILE)(
    "$name: a 4xx in the error shape or next-auth's own flow, never a 5xx",
    async ({ path: target, init }) => {
      const answer = await send(target, init);
      expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
      if (answer.status >= 400 && answer.status < 500 && !answer.headers.has("location"))
        expect(JSON.parse(answer.text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    },
  );

  test("bad JSON is invalid_json, a GET on the credentials callback a 405, a bad callbackUrl invalid_request", async () => {
    expect(errorCode(await send("/api/auth/callback/credentials", json("{")))).toBe("invalid_json");
    const get = await send("/api/auth/callback/credentials");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const query = await send("/api/auth/session?callbackUrl=::::");
    expect(query.status).toBe(400);
    expect(errorCode(query)).toBe("invalid_request");
  });

  test("next-auth's own refusals (an unknown action, a session update without its token) are in the error shape", async () => {
    for (const [target, init] of [
      ["/api/auth/nope", {}],
      ["/api/auth/callback/nope", json("{}")],
      ["/api/auth/session", json("{}")],
    ] as const) {
      const answer = await send(target, init);
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.text), target).toEqual({
        error: { code: "invalid_request", message: expect.any(String) },
      });
    }
  });

  test("an operator still signs in, by form and by JSON, and lands on a same-site page", async () => {
    for (const encode of ["form", "json"] as const) {
      const csrf = await fetch(`${server!.baseUrl}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
      const fields = {
        csrfToken,
        email: EMAIL,
        password: PASSWORD,
        callbackUrl: "https://evil.example/x",
        json: "true",
      };
      const init = encode === "form" ? form(fields) : json(JSON.stringify(fields));
      const answer = await send("/api/auth/callback/credentials", {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: jar.join("; ") },
      });
      expect(answer.status, answer.text).toBe(200);
      expect((JSON.parse(answer.text) as { url?: unknown }).url).toBe(server!.baseUrl);
      expect(answer.headers.getSetCookie().some((cookie) => cookie.startsWith("next-auth.session-token="))).toBe(true);
    }
  });
});
