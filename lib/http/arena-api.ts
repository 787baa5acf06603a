import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { z } from "zod";
import type { Redis } from "ioredis";
import type { Env } from "../env";
import { readJsonBody } from "./body";
import { apiHandler } from "./api-handler";
import { DomainError } from "../errors";
import { consumeRateLimit, createRateLimiter } from "../rate-limit";
import { clientAddress, isSecureRequest, readCookie } from "./request-info";
import { requireSameOriginJson } from "./voter-write-guard";
import type { Random } from "../random";
import type { ArenaStore } from "../arena/arena-store";
import { castQuadVote, castVote } from "../arena/cast-vote";
import { battleIdSchema, createBattleBodySchema, parseAnyVoteBody } from "../arena/schemas";
import { serveBattle, serveQuadBattle } from "../arena/serve-battle";
import { namedBattleBodySchema, serveNamedBattle } from "../arena/serve-named-battle";
import { type ConfirmedVoters, resolveVoterSession, VOTER_COOKIE, verifyVoterCookie } from "../arena/voter-session";
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
  /** Voter ids known to have a session row (one set per process). */
  confirmedVoters: ConfirmedVoters;
  limiters: { battles: EndpointLimiters; votes: EndpointLimiters };
  /** Ask the recognition survey after 1 in this many blind votes (RECOGNITION_SURVEY_EVERY); absent or 0: never. */
  recognitionSurveyEvery?: number;
  /** Serve a check battle 1 in this many times (CHECK_BATTLE_EVERY, lib/arena/check-battles.ts); absent or 0: never. */
  checkBattleEvery?: number;
}

/** The context's recognition-survey policy, keyed by its secret. */
export function recognitionSurveyPolicy(ctx: ArenaContext) {
  return { every: ctx.recognitionSurveyEvery ?? 0, secret: ctx.secret };
}

/** Limiters for both endpoints, sized from the environment, counted in `store` (Redis) when given. */
export function createArenaLimiters(env: Env, store: Redis | undefined): ArenaContext["limiters"] {
  const build = (name: string): EndpointLimiters => ({
    voter: createRateLimiter(`${name}:voter`, { points: env.RATE_LIMIT_VOTER_PER_MINUTE, durationS: 60 }, store),
    address: createRateLimiter(`${name}:address`, { points: env.RATE_LIMIT_ADDRESS_PER_MINUTE, durationS: 60 }, store),
  });
  return { battles: build("battles"), votes: build("votes") };
}

const NO_STORE = { "Cache-Control": "no-store" };

/** Counts a request against the address's and (with a valid cookie) the voter's limit; returns the address hash. */
async function limit(ctx: ArenaContext, limiters: EndpointLimiters, request: Request, voterId: string | null) {
  const address = hashAddress(clientAddress(request), ctx.secret);
  await consumeRateLimit(limiters.address, address);
  if (voterId) await consumeRateLimit(limiters.voter, voterId);
  return address;
}

/** The permission step of the voter's writes: refuses what another site could make a browser send. */
const sameSiteJson = (_ctx: ArenaContext, request: Request) => requireSameOriginJson(request);

/** Rate limit and voter session (created on a first visit): the common start of serving a battle. */
async function startVoterSession(ctx: ArenaContext, request: Request) {
  const known = verifyVoterCookie(readCookie(request, VOTER_COOKIE), ctx.secret);
  const address = await limit(ctx, ctx.limiters.battles, request, known);
  const voter = await resolveVoterSession(
    ctx.db,
    ctx.confirmedVoters,
    known,
    address,
    ctx.secret,
    isSecureRequest(request),
  );
  const headers: Record<string, string> = { ...NO_STORE };
  if (voter.setCookie) headers["Set-Cookie"] = voter.setCookie;
  return { voterId: voter.id, headers };
}

/**
 * A battle's path id and a JSON body: the input of a voter's action on one battle. The id is
 * checked here, once: one that is not a battle id names no battle (battle_not_found).
 */
export function parseBattleAction<T extends z.ZodType>(schema: T) {
  return async (request: Request, [rawBattleId]: [string]) => {
    const battleId = battleIdSchema.safeParse(rawBattleId);
    if (!battleId.success) throw new DomainError("battle_not_found", "There is no such battle.");
    return { battleId: battleId.data, body: await readJsonBody(request, schema) };
  };
}

/**
 * Rate limit a voter's action on a battle: per address, and per voter when the request has a valid
 * voter cookie. Returns that voter (null without one); whether the battle is theirs is
 * openBattleOrThrow's rule.
 */
export async function limitBattleAction(
  ctx: ArenaContext,
  limiters: EndpointLimiters,
  request: Request,
): Promise<string | null> {
  const voterId = verifyVoterCookie(readCookie(request, VOTER_COOKIE), ctx.secret);
  await limit(ctx, limiters, request, voterId);
  return voterId;
}

/** POST /api/battles → 201 with a blind battle (a pair, or a quad with `size: 4`); sets the voter cookie on a first visit. */
export const handleCreateBattle = apiHandler({
  permit: sameSiteJson,
  parse: (request) => readJsonBody(request, createBattleBodySchema),
  call: async (ctx, body, _caller, request) => {
    const { voterId, headers } = await startVoterSession(ctx, request);
    const input = { voterSessionId: voterId, category: body.category, lang: body.lang ?? "en", random: ctx.random };
    const battle =
      body.size === 4
        ? await serveQuadBattle(ctx, input)
        : await serveBattle(ctx, { ...input, checkEvery: ctx.checkBattleEvery });
    return Response.json(battle, { status: 201, headers });
  },
});

/** POST /api/compare/battles → 201 with a named battle to vote on from the compare page. */
export const handleCreateNamedBattle = apiHandler({
  permit: sameSiteJson,
  parse: (request) => readJsonBody(request, namedBattleBodySchema),
  call: async (ctx, body, _caller, request) => {
    const { voterId, headers } = await startVoterSession(ctx, request);
    return Response.json(await serveNamedBattle(ctx, voterId, body), { status: 201, headers });
  },
});

const parseVoteJson = parseBattleAction(z.unknown());

/** A vote's battle id and body, a pair's or a quad's (parseAnyVoteBody). */
async function parseVote(request: Request, params: [string]) {
  const { battleId, body } = await parseVoteJson(request, params);
  return { battleId, body: parseAnyVoteBody(body) };
}

/** POST /api/battles/{battleId}/vote → 201 with the reveal; a quad battle takes a quad vote (castQuadVote). */
export const handleVote = apiHandler({
  permit: sameSiteJson,
  parse: parseVote,
  call: async (ctx, { battleId, body }, _caller, request) => {
    const voterSessionId = await limitBattleAction(ctx, ctx.limiters.votes, request);
    const survey = recognitionSurveyPolicy(ctx);
    const reveal =
      body.kind === "quad"
        ? await castQuadVote(ctx, { battleId, voterSessionId, body: body.body })
        : await castVote(ctx, { battleId, voterSessionId, body: body.body, survey });
    return Response.json(reveal, {
      status: 201,
      headers: NO_STORE,
    });
  },
});
