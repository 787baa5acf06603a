import type { WebHandler } from "./node-bridge";
import { handleCreateBattle, handleVote } from "./arena-api";
import { getArenaContext } from "./app-context";

const VOTE_PATH = /^\/api\/battles\/([^/?#]+)\/vote(?:\?.*)?$/;
const BATTLES_PATH = /^\/api\/battles(?:\?.*)?$/;

/**
 * The arena's two hot endpoints, for `npm start` to serve without Next.js's router: the same
 * handlers the route files in app/api/battles call. Null for every other request.
 */
export function matchDirectRoute(method: string | undefined, url: string | undefined): WebHandler | null {
  if (method !== "POST" || !url) return null;
  if (BATTLES_PATH.test(url)) return (request) => handleCreateBattle(getArenaContext(), request);
  const vote = VOTE_PATH.exec(url);
  if (vote) {
    const raw = vote[1] as string;
    // A malformed escape is passed on as it is, for the handler's id check to refuse.
    const battleId = raw.includes("%") ? (safeDecode(raw) ?? raw) : raw;
    return (request) => handleVote(getArenaContext(), request, battleId);
  }
  return null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
