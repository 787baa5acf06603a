import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { battleResponseSchema } from "@/lib/arena/schemas";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { handleExportVotes } from "@/lib/http/export-api";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";

/** P(X ≥ k) for X ~ Binomial(n, p), exactly. */
function binomialUpperTail(k: number, n: number, p: number): number {
  let term = Math.pow(1 - p, n); // P(X = 0)
  let below = 0;
  for (let i = 0; i < k; i += 1) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

const BATTLES = 120;

// Issue 25, items 2–5, as a determined voter attacks them: the battle JSON's length and sound
// flag, the prompt text, and the public export, each model with its own length, size and sound
// (as real models have). The attacker knows every model's true length and which models make sound
// (the worst case) and which models answered each prompt; before each vote it names the left
// clip's model from what the battle and the export tell, else guesses among the prompt's models.
// Naming it must be no better than that guess (binomial test, α = 0.01).
describe("blindness channels of the pool: battle JSON, sound, prompt text, export", () => {
  let f: ArenaFixture;
  let narrow: string;
  const lengthOf = new Map<string, number>();
  const sounding = new Set<string>();

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    const models = await f.db.model.findMany({ orderBy: { slug: "asc" }, select: { id: true } });
    for (const [i, model] of models.entries()) {
      lengthOf.set(model.id, 3000 + 700 * i);
      if (i < 2) sounding.add(model.id);
      const clips = await f.db.clip.findMany({
        where: { modelId: model.id },
        select: { id: true, renditionKey: true },
      });
      for (const clip of clips) {
        await f.db.clip.update({
          where: { id: clip.id },
          data: {
            durationMs: 3000 + 700 * i,
            width: 640 + 64 * i,
            hasAudio: i < 2,
            soundRenditionKey: i < 2 ? clip.renditionKey : null,
          },
        });
      }
    }
    // One prompt answered by two models only: its text would name the pair.
    const prompt = await f.db.prompt.findFirstOrThrow({ orderBy: { id: "asc" }, include: { clips: true } });
    narrow = prompt.id;
    await f.db.clip.updateMany({
      where: { promptId: narrow, modelId: { notIn: [models[0]!.id, models[1]!.id] } },
      data: { hidden: true },
    });
    f.ctx.cache.invalidate();
  }, 600_000);
  afterAll(() => f.close());

  test("no channel names a model better than chance", async () => {
    const exportCtx = {
      db: f.db,
      secret: f.ctx.secret,
      limiter: new RateLimiterMemory({ points: 10_000, duration: 60 }),
      keyRequiredAboveRows: 0,
    };
    const random = seededRandom(25);
    const modelsOf = new Map<string, string[]>();
    for (const clip of await f.db.clip.findMany({
      where: { hidden: false },
      select: { promptId: true, modelId: true },
    })) {
      modelsOf.set(clip.promptId, [...new Set([...(modelsOf.get(clip.promptId) ?? []), clip.modelId])]);
    }
    let cookie: string | undefined;
    let named = 0;
    let chance = 0;
    for (let n = 0; n < BATTLES; n += 1) {
      const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
      expect(response.status).toBe(201);
      cookie ??= cookieFrom(response);
      const battle = battleResponseSchema.parse(await response.json());
      const row = await f.db.battle.findUniqueOrThrow({
        where: { id: battle.battleId },
        select: { promptId: true, leftClip: { select: { modelId: true } } },
      });
      expect(row.promptId).not.toBe(narrow);
      const candidates = modelsOf.get(row.promptId) ?? [];
      // What the export says about this prompt's clips (empty while it is blind).
      const text = await (
        await handleExportVotes(exportCtx, new Request("http://localhost/api/export/votes?format=jsonl"))
      ).text();
      const rows = text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { prompt_id: string; duration_a_ms: number | null });
      expect(rows.filter((r) => r.prompt_id === row.promptId).every((r) => r.duration_a_ms === null)).toBe(true);
      // Length: the model whose length is the battle's, if one of the prompt's models has it.
      const byLength = candidates.filter((m) => lengthOf.get(m) === battle.durationMs);
      // Sound: only the sounding models could be on a battle with sound.
      const bySound = battle.withSound ? candidates.filter((m) => sounding.has(m)) : [];
      const shortlist = byLength.length === 1 ? byLength : bySound.length > 0 ? bySound : candidates;
      const guess = shortlist[Math.floor(random() * shortlist.length)];
      if (guess === row.leftClip.modelId) named += 1;
      chance += 1 / candidates.length;
      await handleVote(
        f.ctx,
        postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "tie" }, cookie),
        battle.battleId,
      );
    }
    const p0 = chance / BATTLES;
    const pValue = binomialUpperTail(named, BATTLES, p0);
    console.log(
      `pool channels: left model named in ${named} of ${BATTLES} battles, chance ${(p0 * BATTLES).toFixed(1)}, p = ${pValue.toFixed(3)}`,
    );
    expect(pValue).toBeGreaterThan(0.01);
  }, 600_000);
});
