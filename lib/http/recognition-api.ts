import { type ArenaContext, limitBattleAction, parseBattleAction, recognitionSurveyPolicy } from "./arena-api";
import { apiHandler } from "./api-handler";
import { notYourBattle } from "../arena/open-battle";
import { requireSameOriginJson } from "./voter-write-guard";
import { recognitionBodySchema } from "../arena/schemas";
import { answerRecognitionSurvey } from "../arena/recognition-survey";

const parseRecognition = parseBattleAction(recognitionBodySchema);

/**
 * POST /api/battles/{battleId}/recognition → 201 `{ recorded: true }`: the recognition survey's
 * answer (lib/arena/recognition-survey.ts), sent after the vote. Limited like votes.
 */
export const handleRecognition = apiHandler({
  permit: (_ctx: ArenaContext, request) => requireSameOriginJson(request),
  parse: parseRecognition,
  call: async (ctx, { battleId, body }, _caller, request) => {
    const voterSessionId = await limitBattleAction(ctx, ctx.limiters.votes, request);
    // Only the voter the battle was served to answers its survey; without a voter cookie, nobody.
    if (!voterSessionId) throw notYourBattle();
    const policy = recognitionSurveyPolicy(ctx);
    const answer = await answerRecognitionSurvey(ctx, { battleId, voterSessionId, body, policy });
    return Response.json(answer, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
});
