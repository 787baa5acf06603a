import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { handleRecognition } from "@/lib/http/recognition-api";
import { battleResponseSchema, voteResponseSchema } from "@/lib/arena/schemas";
import { asksRecognitionSurvey } from "@/lib/arena/recognition-survey";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("the recognition survey on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
    f.ctx.recognitionSurveyEvery = 1;
  });
  afterAll(() => f.close());

  async function voted(cookie?: string) {
    const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(served.status).toBe(201);
    const battle = battleResponseSchema.parse(await served.json());
    const voter = cookie ?? cookieFrom(served);
    const response = await handleVote(
      f.ctx,
      postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "left" }, voter),
      battle.battleId,
    );
    expect(response.status).toBe(201);
    return { battleId: battle.battleId, cookie: voter, result: voteResponseSchema.parse(await response.json()) };
  }
  const answer = (battleId: string, body: unknown, cookie?: string) =>
    handleRecognition(f.ctx, postJson(`/api/battles/${battleId}/recognition`, body, cookie), battleId);
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string; field?: string } }).error;
  const surveyColumns = (battleId: string) =>
    f.db.vote.findUniqueOrThrow({
      where: { battleId },
      select: {
        recognitionAnsweredAt: true,
        recognisedModelId: true,
        recognitionCandidates: true,
        recognisedCorrectly: true,
      },
    });
  const UNANSWERED = {
    recognitionAnsweredAt: null,
    recognisedModelId: null,
    recognitionCandidates: null,
    recognisedCorrectly: false,
  };

  test("a vote asks the survey with the prompt's models; a correct name is stored once, a second answer is a 409", async () => {
    const { battleId, cookie, result } = await voted();
    const candidates = result.survey?.candidates ?? [];
    const vote = await f.db.vote.findUniqueOrThrow({ where: { battleId }, select: { promptId: true } });
    const promptModels = await f.db.model.findMany({
      where: { clips: { some: { promptId: vote.promptId } } },
      select: { slug: true },
    });
    expect(candidates.map((c) => c.slug).sort()).toEqual(promptModels.map((m) => m.slug).sort());
    expect(candidates.map((c) => c.slug)).toContain(result.models.left.slug);
    expect(candidates.map((c) => c.slug)).toContain(result.models.right.slug);
    // The reveal says how long each clip held its last frame (none in the demo: equal lengths).
    expect(result.heldLastFrameMs).toEqual({ left: 0, right: 0 });

    const response = await answer(battleId, { model: result.models.right.slug }, cookie);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ recorded: true });
    const stored = await surveyColumns(battleId);
    const named = await f.db.model.findUniqueOrThrow({ where: { slug: result.models.right.slug } });
    expect(stored).toMatchObject({
      recognisedModelId: named.id,
      recognitionCandidates: candidates.length,
      recognisedCorrectly: true,
    });
    expect(stored.recognitionAnsweredAt).toBeInstanceOf(Date);

    const again = await answer(battleId, { model: null }, cookie);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("recognition_answered");
    expect(await surveyColumns(battleId)).toEqual(stored);
  });

  test('"neither" and a candidate not in the battle are stored as not recognised', async () => {
    const first = await voted();
    expect((await answer(first.battleId, { model: null }, first.cookie)).status).toBe(201);
    expect(await surveyColumns(first.battleId)).toMatchObject({ recognisedModelId: null, recognisedCorrectly: false });

    const second = await voted(first.cookie);
    const inBattle = [second.result.models.left.slug, second.result.models.right.slug];
    const other = second.result.survey?.candidates.find((c) => !inBattle.includes(c.slug));
    expect(other).toBeDefined();
    expect((await answer(second.battleId, { model: other?.slug }, second.cookie)).status).toBe(201);
    expect((await surveyColumns(second.battleId)).recognisedCorrectly).toBe(false);
  });

  test("bad answers are refused and write nothing: unknown model, model not offered, malformed body", async () => {
    const { battleId, cookie } = await voted();
    const unknown = await answer(battleId, { model: "no-such-model" }, cookie);
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ code: "recognition_model_unknown", field: "model" });

    // A real model without a clip of this prompt was not offered.
    await f.db.model.create({ data: { slug: "never-offered", name: "Never Offered", organisation: "Test" } });
    const notOffered = await answer(battleId, { model: "never-offered" }, cookie);
    expect(notOffered.status).toBe(400);
    expect((await errorOf(notOffered)).field).toBe("model");

    for (const body of [{}, { model: 5 }, { model: "Not A Slug" }]) {
      const response = await answer(battleId, body, cookie);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).field, JSON.stringify(body)).toBe("model");
    }
    const extra = await answer(battleId, { model: null, extra: 1 }, cookie);
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { message: string } }).error.message).toMatch(/extra/);
    expect(await surveyColumns(battleId)).toEqual(UNANSWERED);
  });

  test("only the voter of a voted battle may answer: another voter and an unvoted battle get 404, no cookie 403", async () => {
    const mine = await voted();
    const theirs = await voted();
    const notYours = await answer(mine.battleId, { model: null }, theirs.cookie);
    expect(notYours.status).toBe(404);
    expect((await errorOf(notYours)).code).toBe("vote_not_found");
    expect((await answer(mine.battleId, { model: null })).status).toBe(403);
    expect((await answer("nosuchbattle00000000000", { model: null }, mine.cookie)).status).toBe(404);

    const served = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, mine.cookie));
    const unvoted = battleResponseSchema.parse(await served.json());
    const early = await answer(unvoted.battleId, { model: null }, mine.cookie);
    expect(early.status).toBe(404);
    expect((await errorOf(early)).code).toBe("vote_not_found");
    expect(await f.db.vote.count({ where: { battleId: unvoted.battleId } })).toBe(0);
    expect(await surveyColumns(mine.battleId)).toEqual(UNANSWERED);
  });

  test("a vote the survey did not ask refuses an answer (400), and the share follows the setting", async () => {
    f.ctx.recognitionSurveyEvery = 0;
    try {
      const { battleId, cookie, result } = await voted();
      expect(result.survey).toBeUndefined();
      const response = await answer(battleId, { model: null }, cookie);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("recognition_not_asked");
      expect(await surveyColumns(battleId)).toEqual(UNANSWERED);
    } finally {
      f.ctx.recognitionSurveyEvery = 1;
    }
    // 1 in 10 by battle id under the secret: about a tenth of many ids, and fixed per id.
    const policy = { every: 10, secret: f.ctx.secret };
    const ids = Array.from({ length: 4000 }, (_, i) => `battle${String(i).padStart(20, "0")}`);
    const asked = ids.filter((id) => asksRecognitionSurvey(policy, id)).length;
    expect(asked).toBeGreaterThan(330);
    expect(asked).toBeLessThan(470);
    expect(ids.filter((id) => asksRecognitionSurvey(policy, id)).length).toBe(asked);
  });
});
