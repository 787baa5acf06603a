import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answerRecognitionSurvey, recognitionCandidates } from "@/lib/arena/recognition-survey";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { handleExportVotes } from "@/lib/http/export-api";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { handleRecognitionRates } from "@/lib/http/recognition-rates-api";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { recognitionResponseSchema } from "@/lib/leaderboard/recognition-view";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { computeRecognitionRates, type RecognitionAnswer } from "@/lib/ratings/recognition-rates";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

const BOOTSTRAP = 30;
const PARAMS = {
  btBootstrap: BOOTSTRAP,
  eloBootstrap: 0,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 1e6,
};
const VOTES = 96;
const root = path.join(__dirname, "..", "..", "..");
const get = (url: string) => new Request(`http://localhost${url}`, { headers: { "x-forwarded-for": "198.51.100.7" } });

interface CliBoard {
  votes: number;
  skipped: { recognised: number };
  rows: { model: string; rating: number; ciLow: number | null; ciHigh: number | null; votes: number }[];
}

function runRatingsCli(file: string, ...args: string[]): CliBoard {
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/ratings.ts",
      file,
      "--json",
      "--bootstrap",
      String(BOOTSTRAP),
      "--seed",
      "42",
      ...args,
    ],
    { cwd: root, encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as CliBoard;
}

// Voters answer by a fixed rule: every 4th names the battle's left model (recognised), the next
// says "neither", the next names a model of the prompt that is not in the battle, the last skips.
describe.each(testEngines)("the board without recognised votes, the published rates and the CLI on %s", (engine) => {
  let f: ArenaFixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recognition-board-"));
  const files = { csv: "votes.csv", jsonl: "votes.jsonl", parquet: "votes.parquet" };
  const expected: RecognitionAnswer[] = [];
  let recognised = 0;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    f.ctx.recognitionSurveyEvery = 1;
    getLeaderboardCache().forget();
    const random = seededRandom(3);
    const start = Date.now() - (VOTES + 10) * 60_000;
    for (let n = 0; n < VOTES; n += 1) {
      const voterId = `survey-voter-${n}`;
      let battle = { left: "", right: "" };
      await voteAsNewVoter(
        f,
        { id: voterId, servedAt: new Date(start + n * 60_000), random, voteAfterMs: 30_000 },
        ({ leftModel, rightModel }) => {
          battle = { left: leftModel, right: rightModel };
          // The left model wins more often, so leaving votes out moves the ratings.
          return { outcome: random() < 0.7 ? "left" : "right" };
        },
      );
      if (n % 4 === 3) continue;
      const vote = await f.db.vote.findFirstOrThrow({
        where: { voterSessionId: voterId },
        select: { battleId: true, promptId: true },
      });
      const candidates = await recognitionCandidates(f.ctx, vote.promptId);
      const wrong = candidates.find((c) => c.slug !== battle.left && c.slug !== battle.right);
      const named = n % 4 === 0 ? battle.left : n % 4 === 1 ? null : (wrong?.slug ?? null);
      await answerRecognitionSurvey(f.ctx, {
        battleId: vote.battleId,
        voterSessionId: voterId,
        body: { model: named },
        policy: { every: 1, secret: f.ctx.secret },
      });
      expected.push({ modelA: battle.left, modelB: battle.right, named, candidates: candidates.length });
      if (n % 4 === 0) recognised += 1;
    }
    await f.db.prompt.updateMany({ data: { publishedAt: new Date() } });
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const exportCtx = {
      db: f.db,
      secret: f.ctx.secret,
      limiter: new RateLimiterMemory({ points: 1000, duration: 60 }),
      keyRequiredAboveRows: 0,
    };
    for (const [format, file] of Object.entries(files)) {
      const response = await handleExportVotes(exportCtx, get(`/api/export/votes?format=${format}`));
      expect(response.status).toBe(200);
      fs.writeFileSync(path.join(dir, file), Buffer.from(await response.arrayBuffer()));
    }
  }, 240_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await f.close();
  });

  test("the published identification rates are the rates of the stored answers", async () => {
    const response = await handleRecognitionRates(getPublicContext(f.db), get("/api/leaderboard/recognition"));
    expect(response.status).toBe(200);
    const published = recognitionResponseSchema.parse(await response.json());
    const truth = computeRecognitionRates(expected);
    expect(
      published.rows.map(({ slug, answers, identified, chance, aboveChance }) => ({
        model: slug,
        answers,
        identified,
        chance,
        aboveChance,
      })),
    ).toEqual(truth);
    expect(published.rows.at(-1)?.identified.share).toBeCloseTo(recognised / expected.length, 12);
    const bad = await handleRecognitionRates(getPublicContext(f.db), get("/api/leaderboard/recognition?model=x"));
    expect(bad.status).toBe(400);
  });

  test(
    "exclude=recognised refits without the recognised votes, in every export format the CLI gives the same board",
    { timeout: 240_000 },
    async () => {
      const all = leaderboardResponseSchema.parse(
        await (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"))).json(),
      );
      const response = await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?exclude=recognised"));
      expect(response.status).toBe(200);
      const board = leaderboardResponseSchema.parse(await response.json());
      expect(all.votes).toBe(VOTES);
      expect(board.exclude).toBe("recognised");
      expect(board.votes).toBe(VOTES - recognised);
      expect(board.rows.map((r) => r.rating)).not.toEqual(all.rows.map((r) => r.rating));

      for (const file of Object.values(files)) {
        const out = runRatingsCli(path.join(dir, file), "--exclude-recognised");
        expect(out.votes, file).toBe(board.votes);
        expect(out.skipped.recognised, file).toBe(recognised);
        expect(
          out.rows.map(({ model, rating, ciLow, ciHigh, votes }) => ({ model, rating, ciLow, ciHigh, votes })),
        ).toEqual(
          board.rows.map(({ slug, rating, ciLow, ciHigh, votes }) => ({ model: slug, rating, ciLow, ciHigh, votes })),
        );
      }
      const plain = runRatingsCli(path.join(dir, files.csv));
      expect(plain.votes).toBe(VOTES);
    },
  );

  test("the export carries the answers; Elo and style control refuse exclude (400)", async () => {
    const lines = fs.readFileSync(path.join(dir, files.jsonl), "utf8").trim().split("\n");
    const rows = lines.map(
      (line) =>
        JSON.parse(line) as {
          recognition_answer: string | null;
          recognition_candidates: number | null;
          recognised_correctly: boolean;
        },
    );
    expect(rows.filter((r) => r.recognised_correctly).length).toBe(recognised);
    expect(rows.filter((r) => r.recognition_answer === "none").length).toBe(expected.filter((e) => !e.named).length);
    expect(rows.filter((r) => r.recognition_answer === null).length).toBe(VOTES - expected.length);
    expect(rows.every((r) => (r.recognition_answer === null) === (r.recognition_candidates === null))).toBe(true);
    const header = fs.readFileSync(path.join(dir, files.csv), "utf8").split("\n")[0];
    // The survey's three columns, together (the quad columns of issue 32 follow them).
    expect(header).toMatch(/,recognition_answer,recognition_candidates,recognised_correctly(,|$)/);
    for (const query of ["method=elo&exclude=recognised", "control=style&exclude=recognised", "exclude=yes"]) {
      expect((await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?${query}`))).status, query).toBe(
        400,
      );
    }
  });
});
