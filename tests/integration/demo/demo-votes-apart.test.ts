import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ffmpegAvailable } from "../../ffmpeg";
import { countCountedVotes, countedVoteFilter, countedVoteSql, demoVotesNow } from "@/lib/counted-vote";
import { Prisma } from "@/lib/generated/sqlite/client";
import { removeDemo } from "@/lib/demo/remove-demo";
import { readExportRows } from "@/lib/export/read-votes";
import { handleImport } from "@/lib/http/admin-api";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { countVoterCountedVotes } from "@/lib/leaderboard/voter-board";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { seededRandom } from "@/lib/random";
import { adminContextOf, adminRequest, formWith, signInAs } from "../admin/admin-fixture";
import { type ArenaFixture, createArenaFixture, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

// Issue 28, item 1: a real import into a database that keeps the demo (`npm run import --
// --keep-demo`, or an upload on /admin/import, which never removes it) must not leave the demo's
// votes on the board or in the export beside the real ones. Real clips by path, never copied
// into the repository (the import copies them into the fixture's temporary import folder).
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(import.meta.dirname, "../../../../shared");
const REAL = path.join(SHARED_DIR, "real-clips");
const present = fs.existsSync(path.join(REAL, "manifest.json"));
if (!present && process.env.CI === "true") throw new Error(`the real clips are missing: ${REAL} (set SHARED_DIR)`);
if (!present) console.warn(`real clips not found at ${REAL}: skipping the demo-apart import test (set SHARED_DIR)`);

// Three of the smallest real clips of one prompt (three models: the least a prompt in the pool has).
const PROMPT = "fetv-002-people-dancing";
const MODELS = ["zeroscope-v2", "modelscope-t2v", "cogvideo"];
const PARAMS = { btBootstrap: 20, eloBootstrap: 5, eloK: 4, seed: 1, includeFlagged: false, burstVotesPerMinute: 600 };

interface RealManifest {
  models: { slug: string }[];
  categories: { slug: string }[];
  prompts: { key: string }[];
  clips: { prompt: string; model: string; file: string }[];
}

/** The three clips' manifest; the real set marks them later takes, so the prompt allows those. */
function realManifest(): string {
  const real = JSON.parse(fs.readFileSync(path.join(REAL, "manifest.json"), "utf8")) as RealManifest;
  return JSON.stringify({
    models: real.models.filter((m) => MODELS.includes(m.slug)),
    categories: real.categories,
    prompts: real.prompts.filter((p) => p.key === PROMPT).map((p) => ({ ...p, otherTakesAllowed: true })),
    clips: real.clips.filter((c) => c.prompt === PROMPT && MODELS.includes(c.model)),
  });
}

describe.skipIf(!present || !ffmpegAvailable("the demo-apart import test")).each(testEngines)(
  "the demo's votes kept apart from a real import on %s",
  (engine) => {
    let f: ArenaFixture;
    let voter = 0;
    const random = seededRandom(28);
    /** `n` votes through the arena, each from a new voter, for the left clip. */
    const vote = async (n: number) => {
      for (let i = 0; i < n; i += 1)
        await voteAsNewVoter(
          f,
          { id: `voter-${(voter += 1)}`, servedAt: new Date(Date.now() - 120_000), random },
          () => ({
            outcome: "left",
          }),
        );
    };
    /** The counted votes by the Prisma form and by the SQL form, which must agree. */
    const counted = async () => {
      const prisma = await f.db.vote.count({ where: await countedVoteFilter(f.db, { battles: "pairs" }) });
      const [row] = await f.db.$queryRaw<{ n: number | bigint }[]>(
        Prisma.sql`SELECT COUNT(*) AS n FROM "Vote" v WHERE ${countedVoteSql("v", { battles: "pairs" })}`,
      );
      expect(Number(row?.n)).toBe(prisma);
      return prisma;
    };
    const board = async () => {
      await recomputeLeaderboard(f.db, PARAMS);
      const view = (await readLatestSnapshot(f.db, null))!.data.views["overall||"]!;
      return { votes: view.votes, models: view.bt.rows.map((row) => row.model).sort() };
    };
    const exported = async () => {
      let rows = 0;
      for await (const page of readExportRows(f.db, { includeFlagged: true }, "salt")) rows += page.length;
      return rows;
    };

    beforeAll(async () => {
      f = await createArenaFixture(engine);
    });
    afterAll(() => f?.close());

    test("the demo's board while the demo is all there is; only real votes once real clips are imported beside it", async () => {
      await vote(8);
      expect(await demoVotesNow(f.db)).toBe("count");
      // The arena page's demo state, cached with the blind pool (ArenaCache.loadDemoState).
      expect(await f.ctx.cache.loadDemoState(f.db)).toEqual({ votes: "count", served: true });
      expect(await counted()).toBe(8);
      const demoBoard = await board();
      expect(demoBoard.votes).toBe(8);
      expect(demoBoard.models.some((slug) => MODELS.includes(slug))).toBe(false);

      // A real import that keeps the demo, as --keep-demo and the console's upload do.
      const admin = await signInAs(f, "ops@example.org", "admin");
      const text = realManifest();
      const importDir = adminContextOf(f).importDir;
      for (const clip of (JSON.parse(text) as RealManifest).clips) {
        fs.mkdirSync(path.dirname(path.join(importDir, clip.file)), { recursive: true });
        fs.copyFileSync(path.join(REAL, clip.file), path.join(importDir, clip.file));
      }
      const imported = await handleImport(
        adminContextOf(f),
        adminRequest("POST", "/api/admin/import", {
          as: admin,
          body: formWith({ dryRun: "false" }, { field: "manifest", name: "m.json", bytes: Buffer.from(text) }),
        }),
      );
      expect(imported.status).toBe(200);
      expect(await f.db.clip.count({ where: { placeholder: true } })).toBeGreaterThan(0);

      // The demo's 8 votes leave every reading; the board is the real models' alone.
      expect(await demoVotesNow(f.db)).toBe("omit");
      expect(await counted()).toBe(0);
      expect(await exported()).toBe(0);
      // The import invalidated the arena's cache: the page no longer calls the clips a demo, and
      // the voter's count on it leaves the demo's votes out as every reading does.
      expect(await f.ctx.cache.loadDemoState(f.db)).toEqual({ votes: "omit", served: false });
      const demoVoter = await f.db.vote.findFirstOrThrow({ select: { voterSessionId: true } });
      expect(await countVoterCountedVotes(f.db, demoVoter.voterSessionId, "omit")).toBe(0);
      expect(await countVoterCountedVotes(f.db, demoVoter.voterSessionId, "count")).toBe(1);
      await vote(6);
      expect(await counted()).toBe(6);
      expect(await countCountedVotes(f.db)).toBe(6);
      expect(await exported()).toBe(6);
      const realBoard = await board();
      expect(realBoard.votes).toBe(6);
      expect(realBoard.models.every((slug) => MODELS.includes(slug))).toBe(true);

      // demo:remove afterwards changes nothing the public sees.
      await removeDemo(f.db, f.store);
      expect(await demoVotesNow(f.db)).toBe("none");
      expect(await counted()).toBe(6);
      expect(await board()).toEqual(realBoard);
    }, 300_000);
  },
);
