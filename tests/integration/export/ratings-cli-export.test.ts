import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";
import { handleExportVotes } from "@/lib/http/export-api";
import { handleFailures } from "@/lib/http/failures-api";
import { handleFailureTimes } from "@/lib/http/failure-times-api";
import { failureTimesResponseSchema } from "@/lib/leaderboard/failure-time-view";
import type { FailureTimeRow } from "@/lib/ratings/failure-times";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { failuresResponseSchema } from "@/lib/leaderboard/failure-view";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { createRelease } from "@/lib/export/release";
import { countCountedVotes } from "@/lib/counted-vote";
import type { FailureProfileRow } from "@/lib/ratings/failure-profile";
import type { StyleControlResult } from "@/lib/ratings/style-control";
import { seededRandom } from "@/lib/random";
import { PairCellAccumulator } from "@/lib/ratings";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { positionTermEffect } from "@/lib/ratings/position-term";
import { VoteSelection } from "@/lib/ratings/vote-selection";
import type { FileQuadRow } from "@/lib/ratings/quad-row";
import { rankBreakQuad } from "@/lib/ratings/rank-breaking";
import { readLatestSnapshot } from "@/lib/leaderboard/latest-snapshot";
import { viewKey } from "@/lib/leaderboard/leaderboard-query";
import { type ArenaFixture, createArenaFixture, quadVoteAsNewVoter, voteAsNewVoter } from "../arena-fixture";
import { testEngines } from "../engines";

const BOOTSTRAP = 40;
const PARAMS = {
  btBootstrap: BOOTSTRAP,
  eloBootstrap: 0,
  eloK: 4,
  seed: 42,
  includeFlagged: false,
  burstVotesPerMinute: 1e6,
};
const VOTES = 150;
/** Quad votes (issue 32) cast beside the pair votes: best and worst of four, some all bad. */
const QUADS = 60;
const root = path.join(__dirname, "..", "..", "..");
const get = (url: string) => new Request(`http://localhost${url}`, { headers: { "x-forwarded-for": "198.51.100.9" } });

interface CliOutput {
  votes: number;
  failures: { tags: string[]; rows: FailureProfileRow[] };
  failureTimes: { method: string; rows: FailureTimeRow[] };
  control: StyleControlResult;
}

/** The ratings CLI as a researcher runs it, on a file, with its JSON output parsed. */
function runRatingsCli(file: string, ...args: string[]): CliOutput {
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
  // The fixture's few prompts are too few to resample as clusters, and --control reads pair votes
  // only (as the published one does): the warnings allowed.
  expect(
    run.stderr
      .replace(/^warning: the votes come from \d+ prompts, fewer than 30[^\n]*\n/m, "")
      .replace(/^warning: \d+ quad votes are left out: --control reads pair votes only\n/m, ""),
  ).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as CliOutput;
}

describe.each(testEngines)("the ratings CLI on an export from %s", (engine) => {
  let f: ArenaFixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ratings-cli-export-"));
  const files: Record<"csv" | "jsonl" | "parquet", string> = {
    csv: path.join(dir, "votes.csv"),
    jsonl: path.join(dir, "votes.jsonl"),
    parquet: path.join(dir, "votes.parquet"),
  };
  // The same votes with each quad as its rank-breaking pair rows (expand=pairs, issue 32).
  const expanded: Record<"csv" | "jsonl" | "parquet", string> = {
    csv: path.join(dir, "pairs.csv"),
    jsonl: path.join(dir, "pairs.jsonl"),
    parquet: path.join(dir, "pairs.parquet"),
  };
  let categories: string[];

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
    // Clips vary in length, size, frame rate and sound, so every style feature varies across votes.
    // Lengths are drawn per clip: a cycle over the clips' order (prompt by prompt, model by model)
    // could give each model one length, which style control rightly calls the model's own.
    const clipRandom = seededRandom(5);
    const clips = await f.db.clip.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    for (const [i, clip] of clips.entries()) {
      await f.db.clip.update({
        where: { id: clip.id },
        data: {
          durationMs: [3000, 5000, 7000][Math.floor(clipRandom() * 3)] as number,
          width: i % 4 === 0 ? 1920 : 1280,
          height: i % 4 === 0 ? 1080 : 720,
          frameRate: i % 5 === 0 ? null : i % 2 === 0 ? 24 : 30,
          hasAudio: i % 3 !== 1,
        },
      });
    }
    categories = (await f.db.category.findMany({ select: { slug: true } })).map((c) => c.slug);

    // Voters through the arena's own path, one vote a minute: the longer clip usually wins, some
    // votes are "both bad", and tags fall on either side.
    const random = seededRandom(11);
    const start = Date.now() - (VOTES + 10) * 60_000;
    for (let n = 0; n < VOTES; n += 1) {
      const servedAt = new Date(start + n * 60_000);
      const voter = { id: `cli-voter-${n}`, servedAt, random, voteAfterMs: 30_000 };
      await voteAsNewVoter(f, voter, ({ clipMs }) => {
        const longer = clipMs.left >= clipMs.right ? "left" : "right";
        const draw = random();
        const outcome =
          draw < 0.1 ? "both_bad" : draw < 0.2 ? "tie" : draw < 0.75 ? longer : longer === "left" ? "right" : "left";
        // Left: one of the first three tags; right: one of the next four, and "blurry_low_detail".
        const tag = (from: number, k: number) => FAILURE_TAGS[from + Math.floor(random() * k)] as FailureTag;
        // Most tags carry the moment they were marked (issue 33), some none; left fails earlier.
        const mark = (t: FailureTag, scaleMs: number) =>
          random() < 0.8 ? { tag: t, atMs: Math.floor(random() * scaleMs) } : t;
        const tags = {
          ...(random() < 0.4 ? { left: [mark(tag(0, 3), 1500)] } : {}),
          ...(random() < 0.3 ? { right: [mark(tag(3, 4), 2900), "blurry_low_detail" as const] } : {}),
        };
        return { outcome, tags };
      });
    }
    // Quad votes through the arena's own path, after the pairs: the model first in slug order is
    // usually the best, the last usually the worst; one in ten finds all four bad. Clips C and D
    // are sometimes tagged, mostly with a marked time, so quads enter the failures (issue 32).
    for (let n = 0; n < QUADS; n += 1) {
      const servedAt = new Date(start + (VOTES + n / QUADS) * 60_000);
      const voter = { id: `cli-quad-voter-${n}`, servedAt, random, voteAfterMs: 30_000 };
      await quadVoteAsNewVoter(f, voter, (models) => {
        const mark = (t: FailureTag) => (random() < 0.8 ? { tag: t, atMs: Math.floor(random() * 2500) } : t);
        const tags = {
          ...(random() < 0.3 ? { c: [mark(FAILURE_TAGS[1])] } : {}),
          ...(random() < 0.2 ? { d: [mark(FAILURE_TAGS[4]), "blurry_low_detail" as const] } : {}),
        };
        if (random() < 0.1) return { outcome: "all_bad", tags };
        const sides = ["a", "b", "c", "d"] as const;
        const order = [0, 1, 2, 3].sort((i, j) => (models[i] as string).localeCompare(models[j] as string));
        const best = random() < 0.7 ? (order[0] as number) : Math.floor(random() * 4);
        const others = order.filter((i) => i !== best);
        const worst =
          random() < 0.7 ? (others[others.length - 1] as number) : (others[Math.floor(random() * 3)] as number);
        return { best: sides[best], worst: sides[worst], tags };
      });
    }
    // Some voters cast many votes: the first 60 pair votes and the first 30 quad votes go to 6
    // sessions, so that a bootstrap over voters differs from one over votes and a voter's cluster
    // holds whole quads beside pairs.
    const firstVotes = await f.db.vote.findMany({
      where: { size: 2 },
      orderBy: { createdAt: "asc" },
      take: 60,
      select: { id: true },
    });
    const firstQuads = await f.db.vote.findMany({
      where: { size: 4 },
      orderBy: { createdAt: "asc" },
      take: 30,
      select: { id: true },
    });
    for (const [i, vote] of [...firstVotes, ...firstQuads].entries())
      await f.db.vote.update({ where: { id: vote.id }, data: { voterSessionId: `cli-voter-${i % 6}` } });
    // Published before the export, so the file carries the per-clip facts style control needs
    // (a prompt still in the blind pool has them withheld, issue 25 item 5).
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
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    }
    for (const [format, file] of Object.entries(expanded)) {
      const response = await handleExportVotes(exportCtx, get(`/api/export/votes?format=${format}&expand=pairs`));
      expect(response.status).toBe(200);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    }
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await f.close();
  });

  test.each(["csv", "jsonl", "parquet"] as const)(
    "%s: --failures and --control give what the API publishes for the same votes",
    async (format) => {
      const out = runRatingsCli(files[format], "--failures", "--control", "duration,resolution,fps,audio");
      expect(out.votes).toBe(VOTES);

      for (const category of ["overall", ...categories]) {
        const published = failuresResponseSchema.parse(
          await (
            await handleFailures(getPublicContext(f.db), get(`/api/leaderboard/failures?category=${category}`))
          ).json(),
        );
        expect(out.failures.tags).toEqual(published.tags);
        expect(
          out.failures.rows
            .filter((row) => row.category === category)
            .map(({ model, shown, bothBad, tags }) => ({ slug: model, shown, bothBad, tags })),
        ).toEqual(published.rows.map(({ slug, shown, bothBad, tags }) => ({ slug, shown, bothBad, tags })));
      }
      for (const category of ["overall", ...categories]) {
        const published = failureTimesResponseSchema.parse(
          await (
            await handleFailureTimes(getPublicContext(f.db), get(`/api/leaderboard/failure-times?category=${category}`))
          ).json(),
        );
        expect(out.failureTimes.method).toBe(published.method);
        expect(
          out.failureTimes.rows
            .filter((row) => row.category === category)
            .map(({ model, category: _c, ...curve }) => ({ slug: model, ...curve })),
        ).toEqual(published.rows.map(({ model: _name, ...row }) => row));
      }
      const overall = out.failureTimes.rows.filter((r) => r.category === "overall");
      // Every clip appearance is a subject: a pair's two and a quad's four.
      expect(overall.reduce((n, r) => n + r.subjects + r.untimed, 0)).toBe(2 * VOTES + 4 * QUADS);
      expect(out.failures.rows.filter((r) => r.category === "overall").reduce((n, r) => n + r.shown, 0)).toBe(
        2 * VOTES + 4 * QUADS,
      );
      expect(overall.some((r) => r.events > 0 && r.untimed > 0 && r.censored > 0)).toBe(true);
      const tagged = out.failures.rows.filter((r) => Object.values(r.tags).some((t) => t.share > 0));
      expect(tagged.length).toBeGreaterThan(0);

      const board = leaderboardResponseSchema.parse(
        await (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard?control=style"))).json(),
      );
      expect(board.rows.length).toBeGreaterThan(1);
      expect(
        out.control.rows.map(({ model, rating, ciLow, ciHigh, votes }) => ({ model, rating, ciLow, ciHigh, votes })),
      ).toEqual(
        board.rows.map(({ slug, rating, ciLow, ciHigh, votes }) => ({ model: slug, rating, ciLow, ciHigh, votes })),
      );
      expect(out.control.effects).toEqual(board.effects);
      // A battle plays sound on both clips or on neither, so sound never differs within a vote.
      expect(out.control.effects.map((e) => [e.feature, e.estimable])).toEqual([
        ["duration", true],
        ["resolution", true],
        ["fps", true],
        ["audio", false],
      ]);
    },
  );

  test.each([
    ["bt", "none", ""],
    ["bt-half", "none", ""],
    ["bt", "voter", ""],
    ["bt-half", "prompt", ""],
    // The defaults: the published snapshot, whose intervals resample whole voters, and the CLI's.
    ["bt", "", ""],
    // One kind of vote (issue 32), fitted on request: the CLI's --votes-from, the API's votesFrom.
    ["bt", "", "pairs"],
    ["bt", "", "quads"],
    ["bt", "none", "quads"],
  ] as const)(
    "--method %s --cluster %s --votes-from %s gives the API's board exactly",
    async (method, cluster, from) => {
      for (const format of ["jsonl", "parquet", "csv"] as const) {
        const out = runRatingsCli(
          files[format],
          "--method",
          method,
          ...(cluster ? ["--cluster", cluster] : []),
          ...(from ? ["--votes-from", from] : []),
        ) as {
          params: { cluster?: string };
          quads: { votes: number; allBad: number; votesFrom: string };
          rows: { model: string; rating: number; ciLow: number | null; ciHigh: number | null; rank: number }[];
        } & CliOutput;
        const board = leaderboardResponseSchema.parse(
          await (
            await handleLeaderboard(
              getPublicContext(f.db),
              get(
                `/api/leaderboard?method=${method}${cluster ? `&cluster=${cluster}` : ""}${from ? `&votesFrom=${from}` : ""}`,
              ),
            )
          ).json(),
        );
        expect(board.rows.length).toBeGreaterThan(1);
        expect([board.method, board.cluster, board.votesFrom]).toEqual([method, cluster || "voter", from || "both"]);
        // The board counts the quads the CLI reads (all-bad ones too; the CLI's `votes` are the rated
        // ones). With --votes-from pairs the CLI reads no quad row and says nothing of quads.
        expect(out.quads?.votesFrom).toBe(from === "pairs" ? undefined : from || "both");
        if (from !== "pairs") expect(out.quads.votes).toBeGreaterThan(QUADS / 2);
        expect(board.votes).toBe(from === "quads" ? out.quads.votes : out.votes + (out.quads?.allBad ?? 0));
        expect(out.params.cluster).toBe(cluster === "none" || cluster === "prompt" ? undefined : "voter");
        // Six sessions of 15 votes and 120 of one: enough voters; the fixture's prompts are too few.
        expect(board.warnings.some((w) => w.includes("too few to resample as clusters"))).toBe(cluster === "prompt");
        expect(out.rows.map((r) => [r.model, r.rating, r.ciLow, r.ciHigh, r.rank])).toEqual(
          board.rows.map((r) => [r.slug, r.rating, r.ciLow, r.ciHigh, r.rank]),
        );
      }
    },
  );

  test("the pairwise expansion (expand=pairs): 5 quad_pair rows per rated quad, none per all-bad one, and the published board", async () => {
    const lines = (file: string) =>
      fs
        .readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map(
          (line) =>
            JSON.parse(line) as { battle_kind: string; vote_id: string; winner: string | null; best: string | null },
        );
    const quads = lines(files.jsonl).filter((row) => row.battle_kind === "quad");
    const pairs = lines(expanded.jsonl).filter((row) => row.battle_kind === "quad_pair");
    expect(lines(expanded.jsonl).some((row) => row.battle_kind === "quad")).toBe(false);
    const rated = quads.filter((q) => q.best !== null);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.length).toBeLessThan(quads.length);
    expect(pairs.length).toBe(5 * rated.length);
    expect(new Set(pairs.map((p) => p.vote_id))).toEqual(new Set(rated.map((q) => q.vote_id)));
    expect(new Set(pairs.map((p) => p.winner))).toEqual(new Set(["model_a", "model_b"]));
    const board = leaderboardResponseSchema.parse(
      await (await handleLeaderboard(getPublicContext(f.db), get("/api/leaderboard"))).json(),
    );
    for (const format of ["jsonl", "parquet", "csv"] as const) {
      const out = runRatingsCli(expanded[format]) as unknown as {
        rows: { model: string; rating: number; ciLow: number | null; ciHigh: number | null; rank: number }[];
      };
      expect(out.rows.map((r) => [r.model, r.rating, r.ciLow, r.ciHigh, r.rank])).toEqual(
        board.rows.map((r) => [r.slug, r.rating, r.ciLow, r.ciHigh, r.rank]),
      );
    }
  });

  test("a dataset release holds the quad rows and its manifest's boards count them as the published board does", async () => {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "ratings-cli-release-"));
    const manifest = await createRelease(f.db, f.store, { bootstrap: BOOTSTRAP, seed: 42 }, staging);
    fs.rmSync(staging, { recursive: true, force: true });
    const total = await f.db.vote.count({ where: { kind: "anonymous", checkPassed: null } });
    expect(manifest.rows.total).toBe(total);
    expect(manifest.rows.counted).toBe(await countCountedVotes(f.db));
    for (const category of ["overall", ...categories]) {
      const board = leaderboardResponseSchema.parse(
        await (await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?category=${category}`))).json(),
      );
      expect(manifest.leaderboards[category]?.map((r) => [r.model, r.rating, r.ciLow, r.ciHigh, r.rank])).toEqual(
        board.rows.map((r) => [r.slug, r.rating, r.ciLow, r.ciHigh, r.rank]),
      );
    }
  });

  test("resampling voters who cast many votes gives other intervals than resampling votes", async () => {
    const width = async (cluster: string) => {
      const board = leaderboardResponseSchema.parse(
        await (
          await handleLeaderboard(
            getPublicContext(f.db),
            get(`/api/leaderboard${cluster ? `?cluster=${cluster}` : ""}`),
          )
        ).json(),
      );
      return board.rows.reduce((sum, r) => sum + (r.ciHigh ?? r.rating) - (r.ciLow ?? r.rating), 0);
    };
    expect(await width("voter")).not.toBe(await width("none"));
    // The published board (no cluster asked) is the one over voters, read from the snapshot.
    expect(await width("voter")).toBe(await width(""));
  });

  test("the published position term (largest move of a left/right term) is the one the export's votes give", async () => {
    const snapshot = await readLatestSnapshot(f.db, null);
    const published = snapshot?.data.views[viewKey({ category: "overall", lang: "", mode: "" })]?.positionTerm;
    for (const format of ["jsonl", "parquet", "csv"] as const) {
      const problems: VoteFileProblem[] = [];
      const selection = new VoteSelection({});
      const cells = new PairCellAccumulator();
      // A quad adds its rank-breaking pairs in shown order: "left" reads as "shown earlier".
      const onQuad = (row: FileQuadRow) => {
        if (row.kind === "quad" && selection.keep(row)) for (const pair of rankBreakQuad(row.quad)) cells.add(pair);
      };
      for await (const vote of readVoteFile(files[format], problems, { onQuad }))
        if (selection.keep(vote)) cells.add(vote);
      expect(problems).toEqual([]);
      expect(published).toEqual(positionTermEffect(cells.toCells()));
    }
    expect(published?.termPoints).not.toBe(0);
    expect(published?.moves).not.toBeNull();
  });

  test("one category's controlled ratings and failures equal that category's published ones", async () => {
    const category = categories[0] as string;
    const out = runRatingsCli(
      files.jsonl,
      "--failures",
      "--control",
      "audio,fps,resolution,duration",
      "--category",
      category,
    );
    const board = leaderboardResponseSchema.parse(
      await (
        await handleLeaderboard(getPublicContext(f.db), get(`/api/leaderboard?control=style&category=${category}`))
      ).json(),
    );
    expect(out.control.rows.map((r) => [r.model, r.rating, r.ciLow, r.ciHigh])).toEqual(
      board.rows.map((r) => [r.slug, r.rating, r.ciLow, r.ciHigh]),
    );
    expect(new Set(out.failures.rows.map((r) => r.category))).toEqual(new Set([category]));
  });
});
