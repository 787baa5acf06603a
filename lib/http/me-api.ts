import { type ArenaContext, limitBattleAction } from "./arena-api";
import { apiHandler } from "./api-handler";
import { requireSameOriginJson } from "./voter-write-guard";
import { DomainError } from "../errors";
import type { Db } from "../db/client";
import { deleteVoterVotes } from "../arena/delete-voter-votes";
import type { LoadedSnapshot } from "../leaderboard/latest-snapshot";
import { crowdRatingsOf, type VoterBoard } from "../leaderboard/voter-board";

/** What a voter's own endpoints need: the arena's context, the newest snapshot and the worker's fit. */
export interface MeContext {
  arena: ArenaContext;
  latestSnapshot: (db: Db) => Promise<LoadedSnapshot | null>;
  /** computeVoterBoard, run in a worker thread (HeavyWork.voterBoard). */
  fitVoterBoard: (db: Db, voterSessionId: string, crowd: ReturnType<typeof crowdRatingsOf>) => Promise<VoterBoard>;
}

const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie" };

/** The voter behind the request's signed cookie, rate limited; 404 `no_voter_session` without one. */
async function voterOf(ctx: MeContext, request: Request): Promise<string> {
  const voterId = await limitBattleAction(ctx.arena, ctx.arena.limiters.battles, request);
  if (!voterId) throw new DomainError("no_voter_session", "This browser has no voting session here.");
  return voterId;
}

/**
 * A voter's own board for the session `voterSessionId` (the page /me and GET /api/me/board): the
 * published overall board is read here (cached), the fit runs in a worker.
 */
export async function loadVoterBoard(ctx: MeContext, voterSessionId: string): Promise<VoterBoard> {
  const crowd = crowdRatingsOf(await ctx.latestSnapshot(ctx.arena.db));
  return ctx.fitVoterBoard(ctx.arena.db, voterSessionId, crowd);
}

/**
 * GET /api/me/board → 200 VoterBoard for the session of the request's voter cookie, and only it:
 * no id is taken from the URL, so nobody can ask for another voter's board. 404
 * `no_voter_session` without a valid cookie. Never cached by shared caches.
 */
export const handleMyBoard = apiHandler({
  call: async (ctx: MeContext, _input, _caller, request) => {
    const voterId = await voterOf(ctx, request);
    return Response.json(await loadVoterBoard(ctx, voterId), { headers: PRIVATE });
  },
});

/**
 * DELETE /api/me/votes → 200 `{ deleted }`: deletes every vote of the cookie's session
 * (deleteVoterVotes), and nobody else's. A same-origin JSON request, as every voter write; 404
 * `no_voter_session` without a valid cookie.
 */
export const handleDeleteMyVotes = apiHandler({
  permit: (_ctx: MeContext, request) => requireSameOriginJson(request),
  call: async (ctx, _input, _caller, request) => {
    const voterId = await voterOf(ctx, request);
    return Response.json(await deleteVoterVotes(ctx.arena, voterId), { headers: PRIVATE });
  },
});
