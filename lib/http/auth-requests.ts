import { cookieFromHeader } from "../cookie-header";
import { errorResponse } from "./errors";

/** next-auth's callback-URL cookie, plain and on HTTPS (next-auth's defaultCookies). */
const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * Whether next-auth accepts a callback URL: a path, or an absolute http(s) URL (its assertConfig's
 * isValidHttpUrl, next-auth 4 core/lib/assert.js). Anything else it answers with a 500.
 */
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

/** Every value a Cookie header gives `name`: next-auth and Next.js disagree on which of several wins. */
function cookieValues(header: string | null, name: string): string[] {
  return (header ?? "")
    .split(";")
    .filter((part) => part.trim().startsWith(`${name}=`))
    .map((part) => cookieFromHeader(part, name) ?? "");
}

async function isJsonBody(request: Request): Promise<boolean> {
  try {
    JSON.parse(await request.clone().text());
    return true;
  } catch {
    return false;
  }
}

/**
 * The 4xx for a request to next-auth's routes (/api/auth/*, `segments` the decoded path after
 * it, as next-auth reads them: ["callback", "credentials"]) that next-auth itself would answer
 * with a 500, or null to hand it on: a callback URL (query or cookie) that is not a path or an
 * http(s) URL (400 invalid_request; next-auth calls that a server misconfiguration), a POST body
 * sent as JSON that does not parse (400 invalid_json; next-auth's getBody throws a SyntaxError),
 * and anything but a POST to the credentials callback (405 with Allow: POST; next-auth: "Callback
 * for provider type credentials not supported"). An unparsable callbackUrl in the body is the
 * redirect callback's (lib/auth/auth-options.ts).
 */
export async function refuseAuthRequest(request: Request, segments: readonly string[]): Promise<Response | null> {
  const url = new URL(request.url);
  const cookies = CALLBACK_URL_COOKIES.flatMap((name) => cookieValues(request.headers.get("cookie"), name));
  const callbackUrls = [...url.searchParams.getAll("callbackUrl"), ...cookies];
  if (callbackUrls.some((value) => !isHttpUrl(value, url.origin)))
    return errorResponse(400, "invalid_request", "callbackUrl must be a path or an http(s) URL.");
  if (segments[0] === "callback" && segments[1] === "credentials" && request.method !== "POST")
    return errorResponse(405, "method_not_allowed", "Signing in with a password takes a POST.", { Allow: "POST" });
  const isJson = request.headers.get("content-type")?.includes("application/json") ?? false;
  if (request.method === "POST" && isJson && !(await isJsonBody(request)))
    return errorResponse(400, "invalid_json", "The request body is not valid JSON.");
  return null;
}

/**
 * next-auth's answer, with its bare refusals put in the API's error shape: a 4xx without a
 * redirect comes as text ("Error: This action with HTTP GET is not supported by NextAuth.js", or
 * "[object Object]" for a session update without its CSRF token). Redirects and JSON pass as sent.
 */
export function inErrorShape(response: Response): Response {
  const isJson = response.headers.get("content-type")?.includes("application/json") ?? false;
  if (response.status < 400 || response.status >= 500 || response.headers.has("location") || isJson) return response;
  const message = "The sign-in service does not answer this request.";
  const answer = errorResponse(response.status, "invalid_request", message);
  for (const cookie of response.headers.getSetCookie()) answer.headers.append("Set-Cookie", cookie);
  return answer;
}
