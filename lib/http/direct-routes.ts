import { getArenaContext, getDb, getMediaContext, getMediaStore, getPublicContext } from "./app-context";
import { handleCreateBattle, handleVote } from "./arena-api";
import { serveBattleMedia, serveNamedClip, servePromptImage } from "./battle-media";
import { handleCategories, handleModel, handleModels } from "./catalog-api";
import { errorResponse } from "./errors";
import { handleFailures } from "./failures-api";
import { handleFailureTimes } from "./failure-times-api";
import { handleHealth } from "./health-api";
import { handleLeaderboard } from "./leaderboard-api";
import { handleRecognitionRates } from "./recognition-rates-api";
import { handleCheckAccuracy } from "./check-accuracy-api";
import type { WebHandler } from "./node-bridge";
import { serveReleaseFile } from "./release-files";
import { decodePathSegment, isDecodableTarget } from "./request-target";

interface DirectRoute {
  /** The methods served; HEAD is answered by the GET handler, which sends no body for it. */
  methods: readonly string[];
  /** The route's path in the OpenAPI document; null for media, which is not part of the JSON API. */
  openApiPath: string | null;
  /** Matches the request target; its groups are the percent-encoded path parameters. */
  pattern: RegExp;
  serve: (request: Request, params: string[]) => Promise<Response>;
}

const READ_METHODS = ["GET", "HEAD"] as const;

/**
 * The routes `npm start` and `npm run dev` serve without Next.js, with the same handlers (and the
 * same contexts, from the composition root) as their route files: the arena's two hot endpoints,
 * health and the public reads, and every file download. Next.js's router and its request
 * wrapping cost about 1 ms of CPU per request, several times what these handlers cost
 * (docs/benchmarks.md). Files go this way also because Next.js's sendResponse drops the
 * Content-Length a handler sets (its FORBIDDEN_HEADERS), so media and release files went out
 * chunked, and a HEAD gave no size at all; the bridge streams them with their headers as set
 * (node-bridge.ts). Other methods on these paths go to the route files (their 405s).
 */
export const DIRECT_ROUTES: readonly DirectRoute[] = [
  {
    methods: ["POST"],
    openApiPath: "/api/battles",
    pattern: /^\/api\/battles(?:\?.*)?$/,
    serve: (request) => handleCreateBattle(getArenaContext(), request),
  },
  {
    methods: ["POST"],
    openApiPath: "/api/battles/{battleId}/vote",
    pattern: /^\/api\/battles\/([^/?#]+)\/vote(?:\?.*)?$/,
    serve: (request, [battleId]) => handleVote(getArenaContext(), request, battleId ?? ""),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/health",
    pattern: /^\/api\/health(?:\?.*)?$/,
    serve: () => handleHealth(getDb()),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/leaderboard",
    pattern: /^\/api\/leaderboard(?:\?.*)?$/,
    serve: (request) => handleLeaderboard(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/leaderboard/failures",
    pattern: /^\/api\/leaderboard\/failures(?:\?.*)?$/,
    serve: (request) => handleFailures(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/leaderboard/failure-times",
    pattern: /^\/api\/leaderboard\/failure-times(?:\?.*)?$/,
    serve: (request) => handleFailureTimes(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/leaderboard/recognition",
    pattern: /^\/api\/leaderboard\/recognition(?:\?.*)?$/,
    serve: (request) => handleRecognitionRates(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/leaderboard/checks",
    pattern: /^\/api\/leaderboard\/checks(?:\?.*)?$/,
    serve: (request) => handleCheckAccuracy(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/categories",
    pattern: /^\/api\/categories(?:\?.*)?$/,
    serve: (request) => handleCategories(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/models",
    pattern: /^\/api\/models(?:\?.*)?$/,
    serve: (request) => handleModels(getPublicContext(), request),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/models/{slug}",
    pattern: /^\/api\/models\/([^/?#]+)(?:\?.*)?$/,
    serve: (request, [slug]) => handleModel(getPublicContext(), request, slug ?? ""),
  },
  {
    methods: READ_METHODS,
    openApiPath: "/api/releases/{release}/{file}",
    pattern: /^\/api\/releases\/([^/?#]+)\/([^/?#]+)(?:\?.*)?$/,
    serve: (request, [release, file]) => serveReleaseFile(getDb(), getMediaStore(), request, release ?? "", file ?? ""),
  },
  {
    methods: READ_METHODS,
    openApiPath: null,
    pattern: /^\/media\/clips\/([^/?#]+)(?:\?.*)?$/,
    serve: (request, [clipId]) => serveNamedClip(getMediaContext(), request, clipId ?? ""),
  },
  {
    methods: READ_METHODS,
    openApiPath: null,
    pattern: /^\/media\/prompts\/([^/?#]+)(?:\?.*)?$/,
    serve: (request, [promptId]) => servePromptImage(getMediaContext(), request, promptId ?? ""),
  },
  {
    methods: READ_METHODS,
    openApiPath: null,
    pattern: /^\/media\/([^/?#]+)\/([^/?#]+)(?:\?.*)?$/,
    serve: (request, [token, slot]) => serveBattleMedia(getMediaContext(), request, token ?? "", slot ?? ""),
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
    const match = method && route.methods.includes(method) ? route.pattern.exec(url) : null;
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
