import { type ArenaContext, limitBattleAction, parseBattleAction } from "./arena-api";
import { apiHandler } from "./api-handler";
import { requireSameOriginJson } from "./voter-write-guard";
import { amendTagsBodySchema } from "../arena/schemas";
import { amendVoteTags } from "../arena/amend-vote-tags";

const parseAmend = parseBattleAction(amendTagsBodySchema);

/**
 * PUT /api/battles/{battleId}/tags → 200 `{ tags: { left, right } }`: the vote's failure tags,
 * replaced as a whole (so a repeated request is harmless). Guarded and limited like the vote.
 */
export const handleAmendVoteTags = apiHandler({
  permit: (_ctx: ArenaContext, request) => requireSameOriginJson(request),
  parse: parseAmend,
  call: async (ctx, { battleId, body }, _caller, request) => {
    const voterSessionId = await limitBattleAction(ctx, ctx.limiters.votes, request);
    return Response.json(await amendVoteTags(ctx, { battleId, voterSessionId, body }), {
      status: 200,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
