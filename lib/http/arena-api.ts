import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { z } from "zod";
import { getEnv } from "../env";
import { readJsonBody } from "./body";
import { toErrorResponse } from "./errors";
import { ApiError } from "../errors";
import { consumeRateLimit, createRateLimiter } from "../rate-limit";
import { clientAddress, isSecureRequest, readCookie } from "./request-info";
import { requireSameOriginJson } from "./voter-write-guard";
import type { Random } from "../random";
import type { ArenaStore } from "../arena/arena-store";
import { castVote } from "../arena/cast-vote";
import { battleIdSchema, createBattleBodySchema, voteBodySchema } from "../arena/schemas";
import { serveBattle } from "../arena/serve-battle";
import { namedBattleBodySchema, serveNamedBattle } from "../arena/serve-named-battle";
import { resolveVoterSession, VOTER_COOKIE, verifyVoterCookie } from "../arena/voter-session";
import { hashAddress } from "../address-hash";

/** A per-voter and a per-address limiter for one endpoint. */
export interface EndpointLimiters {
  voter: RateLimiterAbstract;
  address: RateLimiterAbstract;
}

/** What the arena endpoints need from their surroundings; tests pass their own. */
export interface ArenaContext extends ArenaStore {
  secret: string;
  random: Random;
  limiters: { battles: EndpointLimiters; votes: EndpointLimiters };
}

/** Limiters for both endpoints, sized from the environment, in Redis when REDIS_URL is set. */
export function createArenaLimiters(env = getEnv()): ArenaContext["limiters"] {
  const build = (name: string): EndpointLimiters => ({
    voter: createRateLimiter(
      `${name}:voter`,
      { points: env.RATE_LIMIT_VOTER_PER_MINUTE, durationS: 60 },
      env.REDIS_URL,
    ),
    address: createRateLimiter(
      `${name}:address`,
      { points: env.RATE_LIMIT_ADDRESS_PER_MINUTE, durationS: 60 },
      env.REDIS_URL,
    ),
  });
  return { battles: build("battles"), votes: build("votes") };
}

const NO_STORE = { "Cache-Control": "no-store" };

async function limit(ctx: ArenaContext, limiters: EndpointLimiters, request: Request, voterId: string | null) {
  await consumeRateLimit(limiters.address, hashAddress(clientAddress(request), ctx.secret));
  if (voterId) await consumeRateLimit(limiters.voter, voterId);
}

/** Body, rate limit and voter session: the common start of the endpoints that create battles. */
async function startBattleRequest<T extends z.ZodType>(ctx: ArenaContext, request: Request, schema: T) {
  requireSameOriginJson(request);
  const body = await readJsonBody(request, schema);
  const cookie = readCookie(request, VOTER_COOKIE);
  await limit(ctx, ctx.limiters.battles, request, verifyVoterCookie(cookie, ctx.secret));
  const address = hashAddress(clientAddress(request), ctx.secret);
  const voter = await resolveVoterSession(ctx.db, cookie, address, ctx.secret, isSecureRequest(request));
  const headers: Record<string, string> = { ...NO_STORE };
  if (voter.setCookie) headers["Set-Cookie"] = voter.setCookie;
  return { body, voterId: voter.id, headers };
}

/** POST /api/battles → 201 with a blind battle; sets the voter cookie on a first visit. */
export async function handleCreateBattle(ctx: ArenaContext, request: Request): Promise<Response> {
  try {
    const { body, voterId, headers } = await startBattleRequest(ctx, request, createBattleBodySchema);
    const battle = await serveBattle(ctx, {
      voterSessionId: voterId,
      category: body.category,
      lang: body.lang ?? "en",
      random: ctx.random,
    });
    return Response.json(battle, { status: 201, headers });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST /api/compare/battles → 201 with a named battle to vote on from the compare page. */
export async function handleCreateNamedBattle(ctx: ArenaContext, request: Request): Promise<Response> {
  try {
    const { body, voterId, headers } = await startBattleRequest(ctx, request, namedBattleBodySchema);
    return Response.json(await serveNamedBattle(ctx, voterId, body), { status: 201, headers });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST /api/battles/{battleId}/vote → 201 with the reveal. */
export async function handleVote(ctx: ArenaContext, request: Request, rawBattleId: string): Promise<Response> {
  try {
    requireSameOriginJson(request);
    const battleId = battleIdSchema.safeParse(rawBattleId);
    const body = await readJsonBody(request, voteBodySchema);
    const voterId = verifyVoterCookie(readCookie(request, VOTER_COOKIE), ctx.secret);
    await limit(ctx, ctx.limiters.votes, request, voterId);
    if (!battleId.success) throw new ApiError(404, "battle_not_found", "There is no such battle.");
    if (!voterId) throw new ApiError(403, "not_your_battle", "This battle was served to another voter.");
    const result = await castVote(ctx, { battleId: battleId.data, voterSessionId: voterId, body });
    return Response.json(result, { status: 201, headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
