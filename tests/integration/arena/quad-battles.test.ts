import { parse } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { serveBattleMedia } from "@/lib/http/battle-media";
import { handleSkipBattle } from "@/lib/http/skip-battle-api";
import { handleAmendVoteTags } from "@/lib/http/vote-tags-api";
import { quadBattleResponseSchema, quadVoteResponseSchema, battleResponseSchema } from "@/lib/arena/schemas";
import { countedVoteFilter } from "@/lib/counted-vote";
import { encodeCsv, encodeJsonLines, encodeParquet } from "@/lib/export/encoders";
import { readExportRows } from "@/lib/export/read-votes";
import type { ExportRow } from "@/lib/export/columns";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";

describe.each(testEngines)("quad battles (issue 32) on %s", (engine) => {
  let f: ArenaFixture;
  beforeAll(async () => {
    f = await createArenaFixture(engine);
  });
  afterAll(() => f.close());

  async function newQuad(cookie?: string, extra: Record<string, unknown> = {}) {
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", { size: 4, ...extra }, cookie));
    expect(response.status).toBe(201);
    const text = await response.text();
    return { text, battle: quadBattleResponseSchema.parse(JSON.parse(text)), cookie: cookie ?? cookieFrom(response) };
  }
  const vote = (battleId: string, body: unknown, cookie?: string) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, body, cookie), battleId);
  const skip = (battleId: string, body: unknown, cookie?: string) =>
    handleSkipBattle(f.ctx, postJson(`/api/battles/${battleId}/skip`, body, cookie), battleId);
  const quadRow = (battleId: string) =>
    f.db.battle.findUniqueOrThrow({
      where: { id: battleId },
      include: {
        leftClip: { include: { model: true } },
        rightClip: { include: { model: true } },
        clipC: { include: { model: true } },
        clipD: { include: { model: true } },
        prompt: { include: { clips: true } },
      },
    });
  const allRows = async () => ({ ...(await f.countRows()), quadTags: await f.db.quadVoteTag.count() });
  /** Casts as if the voter had watched the clips: a vote sooner than the shortest clip is flagged. */
  const watched = <T>(act: () => Promise<T>) => servedAgo(60_000, act);

  test("serves four clips of one prompt from four models, sides a to d, naming none of them", async () => {
    const { text, battle } = await newQuad(undefined, { lang: "en" });
    const row = await quadRow(battle.battleId);
    const clips = [row.leftClip, row.rightClip, row.clipC, row.clipD];
    expect(row.size).toBe(4);
    expect(new Set(clips.map((clip) => clip?.promptId))).toEqual(new Set([row.promptId]));
    expect(new Set(clips.map((clip) => clip?.modelId)).size).toBe(4);
    for (const model of await f.db.model.findMany()) {
      for (const secret of [model.name, model.slug, model.id, model.organisation]) expect(text).not.toContain(secret);
    }
    for (const clip of clips) expect(text).not.toContain(clip?.id);
    expect(battle.sides).toEqual({
      a: { clipUrl: `/media/${row.token}/a` },
      b: { clipUrl: `/media/${row.token}/b` },
      c: { clipUrl: `/media/${row.token}/c` },
      d: { clipUrl: `/media/${row.token}/d` },
    });
    // One length and one sound flag for the battle, the prompt's (lib/arena/blind-pool.ts).
    const pooled = (await f.ctx.cache.loadServablePrompts(f.db, undefined)).find((p) => p.id === row.promptId);
    expect(battle.durationMs).toBe(pooled?.durationMs);
    expect(battle.withSound).toBe(pooled?.withSound);
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(
      ["battleId", "size", "prompt", "sides", "durationMs", "withSound", "expiresAt"].sort(),
    );
  });

  test("each side's URL serves its clip; a pair has no slot c or d", async () => {
    const { battle } = await newQuad();
    const token = battle.sides.a.clipUrl.split("/")[2] as string;
    const media = { db: f.db, store: f.store, secret: f.ctx.secret };
    const request = (slot: string) => new Request(`http://localhost/media/${token}/${slot}`);
    for (const slot of ["a", "b", "c", "d"]) {
      expect((await serveBattleMedia(media, request(slot), token, slot)).status).toBe(200);
    }
    const pair = await handleCreateBattle(f.ctx, postJson("/api/battles", {}));
    const pairToken = battleResponseSchema.parse(await pair.json()).left.clipUrl.split("/")[2] as string;
    const pairRequest = new Request(`http://localhost/media/${pairToken}/c`);
    expect((await serveBattleMedia(media, pairRequest, pairToken, "c")).status).toBe(404);
  });

  test("never a check battle, even when every battle would be one", async () => {
    const every = f.ctx.checkBattleEvery;
    f.ctx.checkBattleEvery = 1;
    try {
      const { battle } = await newQuad();
      expect((await quadRow(battle.battleId)).checkTwinSide).toBeNull();
    } finally {
      f.ctx.checkBattleEvery = every;
    }
  });

  test("size other than 2 or 4 is a 400 naming size, and nothing is written", async () => {
    const before = await allRows();
    for (const size of [3, 1, "4", 8]) {
      const response = await handleCreateBattle(f.ctx, postJson("/api/battles", { size }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe("size");
    }
    const after = await allRows();
    expect(after.battles).toBe(before.battles);
    expect(after.votes).toBe(before.votes);
  });

  test("a best-and-worst vote is stored once and reveals all four models by side", async () => {
    const { battle, cookie } = await watched(() => newQuad());
    const body = {
      best: "c",
      worst: "a",
      tags: { a: ["physics_violation", { tag: "blurry_low_detail", atMs: 1200 }] },
    };
    const response = await vote(battle.battleId, body, cookie);
    expect(response.status).toBe(201);
    const reveal = quadVoteResponseSchema.parse(await response.json());
    const row = await quadRow(battle.battleId);
    const clips = [row.leftClip, row.rightClip, row.clipC, row.clipD];
    expect(reveal.models.map((m) => [m.side, m.slug])).toEqual(
      clips.map((clip, i) => [["a", "b", "c", "d"][i], clip?.model.slug]),
    );
    expect(reveal.flagged).toBe(false);
    const stored = await f.db.vote.findUniqueOrThrow({
      where: { battleId: battle.battleId },
      include: { quadTags: true },
    });
    expect(stored).toMatchObject({
      size: 4,
      outcome: "best_worst",
      best: "c",
      worst: "a",
      leftModelId: row.leftClip.modelId,
      rightModelId: row.rightClip.modelId,
      modelCId: row.clipC?.modelId,
      modelDId: row.clipD?.modelId,
    });
    expect(
      stored.quadTags.map(({ side, tag, atMs }) => ({ side, tag, atMs })).sort((x, y) => x.tag.localeCompare(y.tag)),
    ).toEqual([
      { side: "a", tag: "blurry_low_detail", atMs: 1200 },
      { side: "a", tag: "physics_violation", atMs: null },
    ]);
    expect(await f.db.voteTag.count({ where: { voteId: stored.id } })).toBe(0);
    // Once: the same openBattleOrThrow rules as a pair.
    const again = await vote(battle.battleId, { best: "b", worst: "d" }, cookie);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("already_voted");
  });

  test("on the reveal a quad's tags are replaced by side a to d; a pair's side is refused, writing nothing", async () => {
    const { battle, cookie } = await watched(() => newQuad());
    const body = { outcome: "all_bad", tags: { a: ["physics_violation"], b: ["ignores_prompt"] } };
    expect((await vote(battle.battleId, body, cookie)).status).toBe(201);
    const stored = await f.db.vote.findUniqueOrThrow({ where: { battleId: battle.battleId } });
    // Its decision time, as a pair's: from serving to the vote (60 s ago here), for the cost of a quad against a pair.
    expect(stored.decisionMs).toBeGreaterThanOrEqual(60_000);
    const amend = (tags: unknown) =>
      handleAmendVoteTags(
        f.ctx,
        new Request(`http://localhost/api/battles/${battle.battleId}/tags`, {
          method: "PUT",
          headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9", cookie },
          body: JSON.stringify({ tags }),
        }),
        battle.battleId,
      );
    const refused = await amend({ left: ["physics_violation"] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe("tags.left");
    expect(await f.db.voteTag.count({ where: { voteId: stored.id } })).toBe(0);
    expect(await f.db.quadVoteTag.count({ where: { voteId: stored.id } })).toBe(2);
    const amended = await amend({ c: ["blurry_low_detail", { tag: "identity_drift", atMs: 500 }] });
    expect(amended.status).toBe(200);
    expect(await amended.json()).toEqual({
      tags: { a: [], b: [], c: ["blurry_low_detail", "identity_drift"], d: [] },
      marks: {
        a: [],
        b: [],
        c: [
          { tag: "blurry_low_detail", atMs: null },
          { tag: "identity_drift", atMs: 500 },
        ],
        d: [],
      },
    });
    const rows = await f.db.quadVoteTag.findMany({ where: { voteId: stored.id }, orderBy: { tag: "asc" } });
    expect(rows.map(({ side, tag, atMs }) => ({ side, tag, atMs }))).toEqual([
      { side: "c", tag: "blurry_low_detail", atMs: null },
      { side: "c", tag: "identity_drift", atMs: 500 },
    ]);
  });

  test("all_bad is stored with neither best nor worst; a fast vote is flagged too_fast", async () => {
    const { battle, cookie } = await newQuad();
    const response = await vote(battle.battleId, { outcome: "all_bad" }, cookie);
    expect(response.status).toBe(201);
    expect(quadVoteResponseSchema.parse(await response.json()).flagged).toBe(true);
    const stored = await f.db.vote.findUniqueOrThrow({ where: { battleId: battle.battleId } });
    expect(stored).toMatchObject({ size: 4, outcome: "all_bad", best: null, worst: null, flagReason: "too_fast" });
  });

  test("bad quad votes are 400s naming the field, and nothing is written", async () => {
    const { battle, cookie } = await newQuad();
    const pair = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    const pairId = battleResponseSchema.parse(await pair.json()).battleId;
    const before = await allRows();
    const cases: [string, unknown, string][] = [
      [battle.battleId, { best: "b", worst: "b" }, "worst"],
      [battle.battleId, { best: "e", worst: "a" }, "best"],
      [battle.battleId, { best: "a" }, "worst"],
      [battle.battleId, { worst: "a" }, "best"],
      [battle.battleId, { best: "a", worst: "b", outcome: "all_bad" }, "best"],
      [battle.battleId, { best: "a", worst: "b", tags: { e: ["physics_violation"] } }, "tags"],
      [
        battle.battleId,
        { best: "a", worst: "b", tags: { c: [{ tag: "physics_violation", atMs: 10 ** 7 }] } },
        "tags.c.0.atMs",
      ],
      [battle.battleId, { outcome: "left" }, "outcome"],
      [pairId, { best: "a", worst: "b" }, "best"],
      [pairId, { outcome: "all_bad" }, "outcome"],
    ];
    for (const [battleId, body, field] of cases) {
      const response = await vote(battleId, body, cookie);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await allRows()).toEqual(before);
  });

  test("a quad is skipped like a pair, with a failing side a to d; then it takes no vote", async () => {
    const { battle, cookie } = await newQuad();
    const wrongSide = await skip(battle.battleId, { playbackFailure: "left" }, cookie);
    expect(wrongSide.status).toBe(400);
    expect(((await wrongSide.json()) as { error: { field: string } }).error.field).toBe("playbackFailure");
    const response = await skip(battle.battleId, { playbackFailure: "d" }, cookie);
    expect(response.status).toBe(200);
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
    expect(row).toMatchObject({ quadPlaybackFailure: "d", playbackFailure: null });
    expect(row.skippedAt).not.toBeNull();
    const late = await vote(battle.battleId, { best: "a", worst: "b" }, cookie);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("battle_skipped");
    // Another voter's quad is not theirs to vote on.
    const other = await newQuad();
    expect((await vote(other.battle.battleId, { best: "a", worst: "b" }, cookie)).status).toBe(403);
  });

  test("a prompt with clips from fewer than four models never serves a quad", async () => {
    const prompts = await f.db.prompt.findMany({ include: { clips: { where: { hidden: false } } } });
    const target = prompts.find((p) => new Set(p.clips.map((c) => c.modelId)).size >= 4);
    if (!target) throw new Error("the demo has a prompt with four models");
    const models = [...new Set(target.clips.map((c) => c.modelId))];
    const hidden = target.clips.filter((c) => !models.slice(0, 3).includes(c.modelId)).map((c) => c.id);
    await f.db.clip.updateMany({ where: { id: { in: hidden } }, data: { hidden: true } });
    f.ctx.cache.invalidate();
    try {
      for (let i = 0; i < 40; i += 1) {
        const { battle } = await newQuad();
        expect((await quadRow(battle.battleId)).promptId).not.toBe(target.id);
      }
      // Pairs still come from it: it stays in the blind pool (three models).
      const pooled = await f.ctx.cache.loadServablePrompts(f.db, undefined);
      expect(pooled.some((p) => p.id === target.id)).toBe(true);
    } finally {
      await f.db.clip.updateMany({ where: { id: { in: hidden } }, data: { hidden: false } });
      f.ctx.cache.invalidate();
    }
  });

  test("quad votes follow the counted-vote rule but stay out of the pair readers by default", async () => {
    const pair = await watched(() => handleCreateBattle(f.ctx, postJson("/api/battles", {})));
    const pairBattle = battleResponseSchema.parse(await pair.json());
    expect((await vote(pairBattle.battleId, { outcome: "left" }, cookieFrom(pair))).status).toBe(201);
    const quads = await f.db.vote.count({ where: await countedVoteFilter(f.db, { battles: "quads" }) });
    expect(quads).toBeGreaterThan(0);
    const pairs = await f.db.vote.findMany({
      where: await countedVoteFilter(f.db, { battles: "pairs" }),
      select: { size: true },
    });
    expect(pairs.map((v) => v.size)).toEqual([2]);
    expect(await f.db.vote.count({ where: await countedVoteFilter(f.db, { battles: "all" }) })).toBe(
      (await f.db.vote.count({ where: await countedVoteFilter(f.db, { battles: "pairs" }) })) + quads,
    );
    // Flagged (the too_fast all_bad above) and excluded quad votes leave the count, as pairs do.
    const flagged = await f.db.vote.count({ where: { size: 4, flagged: true } });
    expect(flagged).toBeGreaterThan(0);
    expect(
      await f.db.vote.count({ where: await countedVoteFilter(f.db, { battles: "quads", includeFlagged: true }) }),
    ).toBe(quads + flagged);
  });

  test("the vote files carry quad rows in CSV, JSONL and Parquet, per the export contract", async () => {
    const slugOf = new Map((await f.db.model.findMany()).map((m) => [m.id, m.slug]));
    const stored = await f.db.vote.findFirstOrThrow({ where: { size: 4, outcome: "best_worst", flagged: false } });
    const rowsOf = async () => {
      const rows: ExportRow[] = [];
      for await (const page of readExportRows(f.db, { includeFlagged: false }, "salt")) rows.push(...page);
      return rows;
    };
    const rows = await rowsOf();
    const quad = rows.find((row) => row.vote_id === stored.id);
    expect(quad).toMatchObject({
      battle_kind: "quad",
      winner: null,
      model_a: slugOf.get(stored.leftModelId),
      model_b: slugOf.get(stored.rightModelId),
      model_c: slugOf.get(stored.modelCId ?? ""),
      model_d: slugOf.get(stored.modelDId ?? ""),
      best: "model_c",
      worst: "model_a",
      tags_a: ["blurry_low_detail", "physics_violation"],
      tag_times_a_ms: [1200, null],
      tags_c: [],
      first_take_c: true,
    });
    expect(quad?.delivered_c_ms).toBeGreaterThan(0);
    // Unpublished prompt: per-clip facts withheld for C and D as for A and B.
    expect(quad).toMatchObject({ clip_c_id: null, duration_d_ms: null });
    const pairRow = rows.find((row) => row.battle_kind === "anonymous");
    expect(pairRow).toMatchObject({ model_c: null, model_d: null, best: null, worst: null, tags_c: [] });

    const bytes = async (chunks: AsyncGenerator<Uint8Array>) => {
      const parts: Uint8Array[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      return Buffer.concat(parts);
    };
    // eslint-disable-next-line @typescript-eslint/require-await -- the encoders take an async iterable
    const pages = async function* () {
      yield rows;
    };
    const expected = {
      battle_kind: "quad",
      model_c: slugOf.get(stored.modelCId ?? ""),
      best: "model_c",
      worst: "model_a",
    };
    const csv = parse<Record<string, string>>((await bytes(encodeCsv(pages()))).toString("utf8"), { columns: true });
    expect(csv.find((row) => row.vote_id === stored.id)).toMatchObject({
      ...expected,
      winner: "",
      model_d: slugOf.get(stored.modelDId ?? ""),
      tags_a: "blurry_low_detail|physics_violation",
      tag_times_a_ms: "1200|",
    });
    expect(csv.find((row) => row.battle_kind === "anonymous")).toMatchObject({ model_c: "", best: "", worst: "" });
    const jsonl = (await bytes(encodeJsonLines(pages())))
      .toString("utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(jsonl.find((row) => row.vote_id === stored.id)).toMatchObject({ ...expected, winner: null, tags_c: [] });
    const parquetBytes = await bytes(encodeParquet(pages()));
    const parquet = (await parquetReadObjects({
      file: parquetBytes.buffer.slice(parquetBytes.byteOffset, parquetBytes.byteOffset + parquetBytes.byteLength),
    })) as Record<string, unknown>[];
    expect(parquet.find((row) => row.vote_id === stored.id)).toMatchObject({ ...expected, winner: null });
  });
});
