import { getArenaContext } from "./app-context";
import { handleCreateBattle, handleVote } from "./arena-api";
import { errorResponse } from "./errors";
import type { WebHandler } from "./node-bridge";
import { decodePathSegment, isDecodableTarget } from "./request-target";

const VOTE_PATH = /^\/api\/battles\/([^/?#]+)\/vote(?:\?.*)?$/;
const BATTLES_PATH = /^\/api\/battles(?:\?.*)?$/;

/**
 * What `npm start` serves without Next.js's router: a 400 for any request whose target does not
 * decode (Next.js would answer some of those with a plain-text 500), and the arena's two hot
 * endpoints, with the same handlers the route files in app/api/battles call. Null for every other
 * request.
 */
export function matchDirectRoute(method: string | undefined, url: string | undefined): WebHandler | null {
  if (url && !isDecodableTarget(url)) return refuseUndecodableTarget;
  if (method !== "POST" || !url) return null;
  if (BATTLES_PATH.test(url)) return (request) => handleCreateBattle(getArenaContext(), request);
  const vote = VOTE_PATH.exec(url);
  const battleId = vote?.[1] === undefined ? null : decodePathSegment(vote[1]);
  if (battleId !== null) return (request) => handleVote(getArenaContext(), request, battleId);
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
