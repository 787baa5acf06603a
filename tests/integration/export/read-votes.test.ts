import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ExportFilter } from "@/lib/export/export-query";
import { countExportRows, EXPORT_PAGE, readExportRows } from "@/lib/export/read-votes";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;
const TOTAL = EXPORT_PAGE + 1_500;
const START = Date.UTC(2026, 0, 1);
type Filters = ExportFilter;

// The raw SQL page reader checked against Prisma's own query API over more than one page, with
// many votes sharing a createdAt (so pages split inside a tie) and every filter.
describe.each(testEngines)("export page reader on %s", (engine) => {
  let f: ArenaFixture;

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    const clips = await f.db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
    // Some clips are later takes (a prompt that allows them), so first_take varies by row.
    await f.db.clip.updateMany({
      where: { id: { in: clips.filter((_, i) => i % 3 === 1).map((c) => c.id) } },
      data: { firstTake: false },
    });
    await f.db.voterSession.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ id: `s-${i}` })) });
    const votes = Array.from({ length: TOTAL }, (_, i) => {
      const left = clips[(i * 5) % clips.length]!;
      const right = clips.find((c) => c.promptId === left.promptId && c.modelId !== left.modelId)!;
      // Ids out of insertion order, and 50 votes to each second.
      return { i, id: `v${(i * 7919) % TOTAL}`, left, right, createdAt: new Date(START + Math.floor(i / 50) * 1000) };
    });
    // Written with createMany, not the app's VoteWriter: the test needs ids it chooses (out of
    // insertion order) and excluded votes. In chunks: one createMany over PostgreSQL's parameter
    // limit runs as concurrent statements on one connection, which pg warns about.
    for (let from = 0; from < TOTAL; from += 2_000) {
      const chunk = votes.slice(from, from + 2_000);
      await f.db.battle.createMany({
        data: chunk.map(({ id, left, right, i }) => ({
          id: `b-${id}`,
          token: `b-${id}`,
          promptId: left.promptId,
          leftClipId: left.id,
          rightClipId: right.id,
          voterSessionId: `s-${i % 7}`,
          lang: "en" as const,
          expiresAt: new Date(),
          withSound: i % 4 === 1,
        })),
      });
      await f.db.vote.createMany({
        data: chunk.map(({ id, left, right, i, createdAt }) => ({
          id,
          battleId: `b-${id}`,
          kind: i % 9 === 0 ? ("named" as const) : ("anonymous" as const),
          promptId: left.promptId,
          leftModelId: left.modelId,
          rightModelId: right.modelId,
          voterSessionId: `s-${i % 7}`,
          outcome: OUTCOMES[i % 4]!,
          decisionMs: 5_000 + i,
          flagged: i % 11 === 0,
          flagReason: i % 11 === 0 ? "too_fast" : null,
          excluded: i % 13 === 0,
          createdAt,
        })),
      });
      await f.db.voteTag.createMany({
        data: chunk
          .filter(({ i }) => i % 3 === 0)
          .flatMap(({ id, i }) => [
            { voteId: id, side: "left" as const, tag: "physics_violation" },
            { voteId: id, side: "left" as const, tag: "blurry_low_detail" },
            ...(i % 2 ? [{ voteId: id, side: "right" as const, tag: "identity_drift" }] : []),
          ]),
      });
    }
    // Half the prompts published: their votes carry per-clip facts, the others' are withheld.
    const prompts = await f.db.prompt.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    await f.db.prompt.updateMany({
      where: { id: { in: prompts.filter((_, i) => i % 2 === 0).map((p) => p.id) } },
      data: { publishedAt: new Date(START) },
    });
  });
  afterAll(() => f.close());

  /** What the reader must return, as Prisma's findMany selects and orders it. */
  async function expected(query: Filters) {
    const model = query.model ? await f.db.model.findUnique({ where: { slug: query.model } }) : null;
    const votes = await f.db.vote.findMany({
      where: {
        ...(query.includeFlagged ? {} : { flagged: false, excluded: false }),
        ...(query.category ? { prompt: { categories: { some: { category: { slug: query.category } } } } } : {}),
        ...(query.model ? { OR: [{ leftModelId: model?.id ?? "-" }, { rightModelId: model?.id ?? "-" }] } : {}),
        createdAt: { gte: query.from, lte: query.to },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { battle: { include: { leftClip: true, rightClip: true } }, tags: true, prompt: true },
    });
    return votes.map((v) => ({
      vote_id: v.id,
      tstamp: v.createdAt.getTime() / 1000,
      // Per-clip facts only for published prompts (issue 25, item 5); sound as the battle played it.
      ...(v.prompt.publishedAt
        ? {
            clip_a_id: v.battle.leftClipId,
            clip_b_id: v.battle.rightClipId,
            duration_a_ms: v.battle.leftClip.durationMs,
            pixels_b: v.battle.rightClip.width * v.battle.rightClip.height,
            fps_a: v.battle.leftClip.frameRate,
            audio_b: v.battle.withSound ? 1 : 0,
          }
        : { clip_a_id: null, clip_b_id: null, duration_a_ms: null, pixels_b: null, fps_a: null, audio_b: null }),
      first_take_a: v.battle.leftClip.firstTake,
      first_take_b: v.battle.rightClip.firstTake,
      tags_a: v.tags.flatMap((t) => (t.side === "left" ? [t.tag] : [])).sort(),
      tags_b: v.tags.flatMap((t) => (t.side === "right" ? [t.tag] : [])).sort(),
      flagged: v.flagged || v.excluded,
    }));
  }

  async function read(query: Filters) {
    const pages: number[] = [];
    const rows = [];
    for await (const page of readExportRows(f.db, query, "salt")) {
      pages.push(page.length);
      rows.push(
        ...page.map((row) => ({
          vote_id: row.vote_id,
          tstamp: row.tstamp,
          clip_a_id: row.clip_a_id,
          clip_b_id: row.clip_b_id,
          duration_a_ms: row.duration_a_ms,
          pixels_b: row.pixels_b,
          fps_a: row.fps_a,
          audio_b: row.audio_b,
          first_take_a: row.first_take_a,
          first_take_b: row.first_take_b,
          tags_a: row.tags_a,
          tags_b: row.tags_b,
          flagged: row.flagged,
        })),
      );
    }
    return { pages, rows };
  }

  test("pages through every vote in (createdAt, id) order, ties split across pages", async () => {
    const { pages, rows } = await read({ includeFlagged: true });
    expect(pages).toEqual([EXPORT_PAGE, TOTAL - EXPORT_PAGE]);
    expect(rows).toEqual(await expected({ includeFlagged: true }));
    expect(new Set(rows.map((r) => r.vote_id)).size).toBe(TOTAL);
    expect(new Set(rows.map((r) => r.first_take_a))).toEqual(new Set([true, false]));
  });

  test.each<[string, Filters]>([
    ["default (no flagged or excluded)", { includeFlagged: false }],
    ["category", { includeFlagged: false, category: "dance" }],
    ["model", { includeFlagged: true, model: "veo-2" }],
    ["model and category", { includeFlagged: false, model: "hailuo", category: "physics" }],
    ["from", { includeFlagged: true, from: new Date(START + 40_000) }],
    ["to", { includeFlagged: false, to: new Date(START + 110_000) }],
    [
      "from and to, on exact instants",
      { includeFlagged: true, from: new Date(START + 1_000), to: new Date(START + 2_000) },
    ],
    ["nothing", { includeFlagged: true, from: new Date(START + 10_000_000) }],
  ])("filters as Prisma does: %s", async (_, query) => {
    const want = await expected(query);
    const { rows } = await read(query);
    expect(rows).toEqual(want);
    expect(await countExportRows(f.db, query)).toBe(want.length);
  });
});
