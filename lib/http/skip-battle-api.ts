import type { ArenaContext } from "./arena-api";
import { battleIdSchema, skipBodySchema } from "../arena/schemas";
import { skipBattle } from "../arena/skip-battle";
import { VOTER_COOKIE, verifyVoterCookie } from "../arena/voter-session";
import { hashAddress } from "../address-hash";
import { ApiError } from "../errors";
import { consumeRateLimit } from "../rate-limit";
import { readJsonBody } from "./body";
import { toErrorResponse } from "./errors";
import { clientAddress, readCookie } from "./request-info";
import { requireSameOriginJson } from "./voter-write-guard";

/**
 * POST /api/battles/{battleId}/skip → 200 `{ skipped: true }`. Limited by the same per-address
 * and per-voter limiters as serving battles, since every skip is followed by a new battle.
 */
export async function handleSkipBattle(ctx: ArenaContext, request: Request, rawBattleId: string): Promise<Response> {
  try {
    requireSameOriginJson(request);
    const battleId = battleIdSchema.safeParse(rawBattleId);
    const body = await readJsonBody(request, skipBodySchema);
    const voterId = verifyVoterCookie(readCookie(request, VOTER_COOKIE), ctx.secret);
    await consumeRateLimit(ctx.limiters.battles.address, hashAddress(clientAddress(request), ctx.secret));
    if (voterId) await consumeRateLimit(ctx.limiters.battles.voter, voterId);
    if (!battleId.success) throw new ApiError(404, "battle_not_found", "There is no such battle.");
    if (!voterId) throw new ApiError(403, "not_your_battle", "This battle was served to another voter.");
    const result = await skipBattle(ctx, { battleId: battleId.data, voterSessionId: voterId, body });
    return Response.json(result, { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
