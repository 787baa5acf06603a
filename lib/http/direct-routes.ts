import { getArenaContext } from "./app-context";
import { handleCreateBattle, handleVote } from "./arena-api";
import { errorResponse } from "./errors";
import type { WebHandler } from "./node-bridge";
import { decodePathSegment, isDecodableTarget } from "./request-target";

interface DirectRoute {
  method: string;
  /** The route's path in the OpenAPI document. */
  openApiPath: string;
  /** Matches the request target; its groups are the percent-encoded path parameters. */
  pattern: RegExp;
  serve: (request: Request, params: string[]) => Promise<Response>;
}

/** The arena's two hot endpoints, served by the same handlers as the route files in app/api/battles. */
export const DIRECT_ROUTES: readonly DirectRoute[] = [
  {
    method: "POST",
    openApiPath: "/api/battles",
    pattern: /^\/api\/battles(?:\?.*)?$/,
    serve: (request) => handleCreateBattle(getArenaContext(), request),
  },
  {
    method: "POST",
    openApiPath: "/api/battles/{battleId}/vote",
    pattern: /^\/api\/battles\/([^/?#]+)\/vote(?:\?.*)?$/,
    serve: (request, [battleId]) => handleVote(getArenaContext(), request, battleId ?? ""),
  },
];

/**
 * What `npm start` serves without Next.js's router: a 400 for any request whose target does not
 * decode (Next.js would answer some of those with a plain-text 500), and DIRECT_ROUTES. Null for
 * every other request.
 */
export function matchDirectRoute(method: string | undefined, url: string | undefined): WebHandler | null {
  if (!url) return null;
  if (!isDecodableTarget(url)) return refuseUndecodableTarget;
  for (const route of DIRECT_ROUTES) {
    const match = method === route.method ? route.pattern.exec(url) : null;
    // Every segment decodes: isDecodableTarget passed.
    if (match)
      return (request) =>
        route.serve(
          request,
          match.slice(1).map((raw) => decodePathSegment(raw) ?? raw),
        );
  }
  return null;
}

const BAD_REQUEST_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>400</title></head>
<body><h1>400</h1><p>This address is malformed. / 此地址格式错误。</p><p><a href="/">Clip Arena</a></p></body></html>`;

/** The error shape under /api and /media; a small page in both languages for everything else. */
function refuseUndecodableTarget(request: Request): Promise<Response> {
  const path = request.url.replace(/^[a-z]+:\/\/[^/]*/, "");
  if (/^\/(api|media)(\/|$|\?)/.test(path))
    return Promise.resolve(errorResponse(400, "invalid_request", "The request target has a malformed encoding."));
  return Promise.resolve(
    new Response(BAD_REQUEST_PAGE, {
      status: 400,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    }),
  );
}
