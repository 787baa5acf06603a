import { type ArenaContext, limitBattleAction, parseBattleAction } from "./arena-api";
import { apiHandler } from "./api-handler";
import { requireSameOriginJson } from "./voter-write-guard";
import { skipBodySchema } from "../arena/schemas";
import { skipBattle } from "../arena/skip-battle";

const parseSkip = parseBattleAction(skipBodySchema);

/**
 * POST /api/battles/{battleId}/skip → 200 `{ skipped: true }`. Limited by the same per-address
 * and per-voter limiters as serving battles, since every skip is followed by a new battle.
 */
export const handleSkipBattle = apiHandler({
  permit: (_ctx: ArenaContext, request) => requireSameOriginJson(request),
  parse: parseSkip,
  call: async (ctx, { battleId, body }, _caller, request) => {
    const voterSessionId = await limitBattleAction(ctx, ctx.limiters.battles, request);
    return Response.json(await skipBattle(ctx, { battleId, voterSessionId, body }), {
      status: 200,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
