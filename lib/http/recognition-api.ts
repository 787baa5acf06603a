import { type ArenaContext, admitBattleAction, parseBattleAction, recognitionSurveyPolicy } from "./arena-api";
import { apiHandler } from "./api-handler";
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
    const battle = await admitBattleAction(ctx, ctx.limiters.votes, request, battleId);
    const answer = await answerRecognitionSurvey(ctx, { ...battle, body, policy: recognitionSurveyPolicy(ctx) });
    return Response.json(answer, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
});
