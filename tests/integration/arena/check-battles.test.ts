import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { battleResponseSchema, voteResponseSchema } from "@/lib/arena/schemas";
import { findBattleClipFile } from "@/lib/arena/media-files";
import { countCountedVotes } from "@/lib/counted-vote";
import { countExportRows } from "@/lib/export/read-votes";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { applyIntegrityChecks } from "@/lib/integrity/apply-integrity";
import { computeCheckView, selectChecks } from "@/lib/leaderboard/check-view";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { isRecomputeDue, recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson, servedAgo } from "../arena-fixture";
import { testEngines } from "../engines";

// Issue 31, items 1–3 through the arena's own handlers on a real database: check battles served
// exactly like real ones, their media, their votes (never counted), the known-answer rule and the
// published accuracy. The twins here are copies of each clip's stand-in rendition (the fixture's
// demo clips have no ffmpeg renditions); the blindness suite makes real twins with ffmpeg.
describe.each(testEngines)("check battles on %s", (engine) => {
  let f: ArenaFixture;
  const FORMAT = "320x240@24/2000ms";

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    const clips = await f.db.clip.findMany({ select: { id: true, renditionKey: true } });
    for (const clip of clips) {
      const copy = await f.store.putFile(f.store.pathOf(clip.renditionKey as string), "clips", "mp4");
      await f.db.clip.update({ where: { id: clip.id }, data: { renditionFormat: FORMAT } });
      await f.db.checkTwin.create({
        data: {
          clipId: clip.id,
          degradation: "blur",
          renditionKey: copy,
          renditionFormat: FORMAT,
          sizeDonorKey: clip.renditionKey,
        },
      });
    }
    f.ctx.cache.invalidate();
  });
  afterAll(() => f.close());

  async function serve(every: number, cookie?: string) {
    f.ctx.checkBattleEvery = every;
    const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
    expect(response.status).toBe(201);
    const raw = (await response.json()) as Record<string, unknown>;
    return { raw, battle: battleResponseSchema.parse(raw), cookie: cookie ?? cookieFrom(response) };
  }
  const vote = (battleId: string, body: unknown, cookie?: string) =>
    handleVote(f.ctx, postJson(`/api/battles/${battleId}/vote`, body, cookie), battleId);
  const shape = (value: unknown): unknown =>
    value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
      : typeof value;

  test("a check is served in the same JSON shape, and its twin side plays the twin", async () => {
    const check = await serve(1);
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: check.battle.battleId } });
    // A real battle of the same prompt (an image prompt adds imageUrl to every battle of it).
    let real = await serve(0);
    for (let i = 0; i < 40; i += 1) {
      const realPrompt = (await f.db.battle.findUniqueOrThrow({ where: { id: real.battle.battleId } })).promptId;
      if (realPrompt === row.promptId) break;
      real = await serve(0);
    }
    expect((await f.db.battle.findUniqueOrThrow({ where: { id: real.battle.battleId } })).promptId).toBe(row.promptId);
    expect(shape(check.raw)).toEqual(shape(real.raw));
    expect(check.battle.durationMs).toBe(real.battle.durationMs);
    expect(check.battle.withSound).toBe(real.battle.withSound);
    expect([check.battle.prompt.text, check.battle.prompt.lang]).toEqual([
      real.battle.prompt.text,
      real.battle.prompt.lang,
    ]);
    expect(check.battle.left.clipUrl).toMatch(/^\/media\/[\w-]+\/a$/);
    expect(row.leftClipId).toBe(row.rightClipId);
    expect(row.checkTwinSide).not.toBeNull();
    const twin = await f.db.checkTwin.findUniqueOrThrow({ where: { id: row.checkTwinId as string } });
    const token = check.battle.left.clipUrl.split("/")[2] as string;
    const twinSlot = row.checkTwinSide === "left" ? "a" : "b";
    const otherSlot = twinSlot === "a" ? "b" : "a";
    expect((await findBattleClipFile(f.db, token, twinSlot))?.storageKey).toBe(twin.renditionKey);
    const clip = await f.db.clip.findUniqueOrThrow({ where: { id: row.leftClipId } });
    expect((await findBattleClipFile(f.db, token, otherSlot))?.storageKey).toBe(clip.renditionKey);
    const realRow = await f.db.battle.findUniqueOrThrow({ where: { id: real.battle.battleId } });
    expect(realRow.checkTwinSide).toBeNull();
    expect(realRow.leftClipId).not.toBe(realRow.rightClipId);
  });

  test("a clip without a usable twin never becomes a check, and never fails the battle", async () => {
    await f.db.clip.updateMany({ data: { renditionFormat: "640x480@24/2000ms" } });
    f.ctx.cache.invalidate();
    for (let i = 0; i < 5; i += 1) {
      const { battle } = await serve(1);
      const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
      expect(row.checkTwinSide).toBeNull();
    }
    await f.db.clip.updateMany({ data: { renditionFormat: FORMAT } });
    f.ctx.cache.invalidate();
  });

  test("a twin made before its sizes were matched to another clip's (no size donor) is never served", async () => {
    const twins = await f.db.checkTwin.findMany({ select: { id: true, sizeDonorKey: true } });
    await f.db.checkTwin.updateMany({ data: { sizeDonorKey: null } });
    f.ctx.cache.invalidate();
    for (let i = 0; i < 5; i += 1) {
      const { battle } = await serve(1);
      expect((await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } })).checkTwinSide).toBeNull();
    }
    for (const twin of twins)
      await f.db.checkTwin.update({ where: { id: twin.id }, data: { sizeDonorKey: twin.sizeDonorKey } });
    f.ctx.cache.invalidate();
  });

  test("a check refuses the same bad votes as any battle, writing nothing", async () => {
    const statuses = async (every: number) => {
      const { battle, cookie } = await serve(every);
      const other = (await serve(0)).cookie;
      const before = await f.countRows();
      const answers = [
        (await vote(battle.battleId, { outcome: "maybe" }, cookie)).status,
        (await vote(battle.battleId, { outcome: "left", extra: 1 }, cookie)).status,
        (await vote(battle.battleId, "{not json", cookie)).status,
        (await vote(battle.battleId, { outcome: "left", tags: { left: ["nope"] } }, cookie)).status,
        (await vote(battle.battleId, { outcome: "left" })).status,
        (await vote(battle.battleId, { outcome: "left" }, other)).status,
      ];
      expect(await f.countRows()).toEqual(before);
      const first = await vote(battle.battleId, { outcome: "left" }, cookie);
      const second = await vote(battle.battleId, { outcome: "left" }, cookie);
      return [...answers, first.status, second.status];
    };
    const forCheck = await statuses(1);
    const forReal = await statuses(0);
    expect(forCheck).toEqual(forReal);
    expect(forCheck.slice(-2)).toEqual([201, 409]);
  });

  test("the reveal says it was a check after the vote; check votes never count or reach vote files", async () => {
    const counted = await countCountedVotes(f.db);
    const exported = await countExportRows(f.db, { includeFlagged: true });
    const { battle, cookie } = await servedAgo(120_000, () => serve(1));
    const row = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
    const original = row.checkTwinSide === "left" ? "right" : "left";
    const response = await vote(battle.battleId, { outcome: original }, cookie);
    const reveal = voteResponseSchema.parse(await response.json());
    expect(reveal.check).toEqual({ degradedSide: row.checkTwinSide, passed: true });
    expect(reveal.models.left.slug).toBe(reveal.models.right.slug);
    expect((await f.db.vote.findUniqueOrThrow({ where: { battleId: battle.battleId } })).checkPassed).toBe(true);

    const tie = await servedAgo(120_000, () => serve(1, cookie));
    const tieReveal = voteResponseSchema.parse(
      await (await vote(tie.battle.battleId, { outcome: "tie" }, cookie)).json(),
    );
    expect(tieReveal.check?.passed).toBe(false);

    const realServed = await servedAgo(120_000, () => serve(0, cookie));
    const realReveal = voteResponseSchema.parse(
      await (await vote(realServed.battle.battleId, { outcome: "left" }, cookie)).json(),
    );
    expect(realReveal.check).toBeNull();
    expect(await countCountedVotes(f.db)).toBe(counted + 1);
    expect(await countExportRows(f.db, { includeFlagged: true })).toBe(exported + 1);
  });

  test("a session failing its checks has its counted votes flagged failed_checks; the accuracy is published", async () => {
    // A careless session: 6 checks all failed, 2 real votes. A careful one: 6 checks all passed, 2 real votes.
    const play = async (passChecks: boolean) => {
      let cookie: string | undefined;
      for (let i = 0; i < 6; i += 1) {
        const served = await servedAgo(120_000, () => serve(1, cookie));
        cookie = served.cookie;
        const row = await f.db.battle.findUniqueOrThrow({ where: { id: served.battle.battleId } });
        const original = row.checkTwinSide === "left" ? "right" : "left";
        const outcome = passChecks ? original : row.checkTwinSide;
        expect((await vote(served.battle.battleId, { outcome }, cookie)).status).toBe(201);
      }
      const realVotes: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const served = await servedAgo(120_000, () => serve(0, cookie));
        expect((await vote(served.battle.battleId, { outcome: "left" }, cookie)).status).toBe(201);
        realVotes.push(served.battle.battleId);
      }
      return realVotes;
    };
    const careless = await play(false);
    const careful = await play(true);
    const flaggedBy = await applyIntegrityChecks(f.db, new Map());
    expect(flaggedBy.failed_checks).toBe(2);
    for (const battleId of careless) {
      expect(await f.db.vote.findUniqueOrThrow({ where: { battleId } })).toMatchObject({
        flagged: true,
        flagReason: "failed_checks",
      });
    }
    for (const battleId of careful)
      expect((await f.db.vote.findUniqueOrThrow({ where: { battleId } })).flagged).toBe(false);
    // Check votes themselves are never flagged by the rule.
    expect(await f.db.vote.count({ where: { checkPassed: { not: null }, flagReason: "failed_checks" } })).toBe(0);
    // Flagged votes stay in the vote file with their flag.
    expect(await countExportRows(f.db, { includeFlagged: true })).toBeGreaterThanOrEqual(
      (await countExportRows(f.db, { includeFlagged: false })) + 2,
    );

    const view = await computeCheckView(f.db);
    const checks = await f.db.vote.count({ where: { checkPassed: { not: null } } });
    const passed = await f.db.vote.count({ where: { checkPassed: true } });
    expect(view.overall).toMatchObject({ checks, passed });
    expect(view.overall.ciLow).toBeLessThan(view.overall.share);
    expect(view.overall.ciHigh).toBeGreaterThan(view.overall.share);
    expect(view.byMonth.reduce((sum, cell) => sum + cell.checks, 0)).toBe(checks);
    expect(view.byCategory.length).toBeGreaterThan(0);
    expect(view.flaggedVotes).toBe(2);
    expect(view.flaggedSessions).toBe(1);
    // A second run flags nothing new.
    expect((await applyIntegrityChecks(f.db, new Map())).failed_checks).toBeUndefined();
  });

  test("a new check vote makes the timed recompute due (never the vote-count one), which publishes the accuracy", async () => {
    const params = {
      btBootstrap: 20,
      eloBootstrap: 5,
      eloK: 4,
      seed: 1,
      includeFlagged: false,
      burstVotesPerMinute: 600,
    };
    await recomputeLeaderboard(f.db, params);
    expect(await isRecomputeDue(f.db, 1, 0)).toBe(false);
    const served = await servedAgo(120_000, () => serve(1));
    expect((await vote(served.battle.battleId, { outcome: "both_bad" }, served.cookie)).status).toBe(201);
    expect(await isRecomputeDue(f.db, 1, 3600)).toBe(false);
    expect(await isRecomputeDue(f.db, 1, 0)).toBe(true);
    await recomputeLeaderboard(f.db, params);
    const published = selectChecks(await readLatestSnapshot(f.db, null));
    expect(published.overall.checks).toBe(await f.db.vote.count({ where: { checkPassed: { not: null } } }));
  });
});
