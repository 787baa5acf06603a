import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FAILURE_TAGS, type FailureTag } from "@/lib/arena/failure-tags";
import { createRelease, findReleaseFile } from "@/lib/export/release";
import * as adminApi from "@/lib/http/admin-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { handleExportVotes } from "@/lib/http/export-api";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { leaderboardResponseSchema } from "@/lib/leaderboard/leaderboard-response";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { parsePriceTable } from "@/lib/ratings/price-table";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, createArenaFixture, quadVoteAsNewVoter, voteAsNewVoter } from "../arena-fixture";
import { adminContextOf, adminRequest, signInAs } from "../admin/admin-fixture";
import { testEngines } from "../engines";

const PARAMS = { btBootstrap: 20, eloBootstrap: 0, eloK: 4, seed: 42, includeFlagged: false, burstVotesPerMinute: 1e6 };
const VOTES = 80;
/** Quad votes (issue 32): four appearances each, some all bad, some clips tagged. */
const QUADS = 24;
const root = path.join(__dirname, "..", "..", "..");
const get = (url: string) => new Request(`http://localhost${url}`, { headers: { "x-forwarded-for": "198.51.100.34" } });
const COST_KEYS = [
  "pricePerSecondUsd",
  "priceDate",
  "priceSource",
  "generationSeconds",
  "shown",
  "usableShare",
  "usableCiLow",
  "usableCiHigh",
  "costPerUsableClipUsd",
  "costCiLow",
  "costCiHigh",
] as const;

/** `npm run ratings -- FILE --prices prices.csv --json`, parsed. */
function runRatingsCli(file: string, prices: string, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/ratings.ts", file, "--prices", prices, "--json", "--bootstrap", "20", ...args],
    { cwd: root, encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { rows: Record<string, unknown>[] };
}

describe.each(testEngines)("price table: the release's prices.csv and the ratings CLI on %s", (engine) => {
  let f: ArenaFixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-cli-"));
  const [votesFile, pricesFile] = [path.join(dir, "votes.csv"), path.join(dir, "prices.csv")];

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    getLeaderboardCache().forget();
    const admin = await signInAs(f, "prices-cli@example.org", "admin");
    const models = await f.db.model.findMany({ orderBy: { slug: "asc" } });
    // Every model but the last gets a price (two models a price history); the first a generation time.
    for (const [i, model] of models.slice(0, -1).entries()) {
      for (const [value, effectiveDate] of [
        [0.9, "2025-03-01"],
        [0.1 * (i + 1), "2026-02-01"],
      ] as const) {
        if (i > 1 && effectiveDate === "2025-03-01") continue;
        const body = { kind: "price_per_second", value, effectiveDate, sourceUrl: `https://example.org/${model.slug}` };
        const response = await adminApi.handleAddModelFact(
          adminContextOf(f),
          adminRequest("POST", `/api/admin/models/${model.id}/facts`, { as: admin, body }),
          model.id,
        );
        expect(response.status).toBe(201);
      }
    }
    const first = models[0];
    if (first)
      await adminApi.handleAddModelFact(
        adminContextOf(f),
        adminRequest("POST", `/api/admin/models/${first.id}/facts`, {
          as: admin,
          body: {
            kind: "generation_seconds",
            value: 120,
            effectiveDate: "2026-01-01",
            sourceUrl: "https://example.org/t",
          },
        }),
        first.id,
      );
    const random = seededRandom(34);
    const start = Date.now() - (VOTES + 10) * 60_000;
    for (let n = 0; n < VOTES; n += 1) {
      const voter = { id: `prices-voter-${n}`, servedAt: new Date(start + n * 60_000), random, voteAfterMs: 30_000 };
      await voteAsNewVoter(f, voter, () => {
        const draw = random();
        const outcome = draw < 0.15 ? "both_bad" : draw < 0.25 ? "tie" : draw < 0.6 ? "left" : "right";
        const tag = () => FAILURE_TAGS[Math.floor(random() * FAILURE_TAGS.length)] as FailureTag;
        return {
          outcome,
          tags: {
            ...(random() < 0.3 ? { left: [tag()] } : {}),
            ...(random() < 0.2 ? { right: [...new Set([tag(), tag()])] } : {}),
          },
        };
      });
    }
    for (let n = 0; n < QUADS; n += 1) {
      const servedAt = new Date(start + (VOTES + n / QUADS) * 60_000);
      const voter = { id: `prices-quad-voter-${n}`, servedAt, random, voteAfterMs: 30_000 };
      await quadVoteAsNewVoter(f, voter, () => {
        const tag = () => FAILURE_TAGS[Math.floor(random() * FAILURE_TAGS.length)] as FailureTag;
        const tags = { ...(random() < 0.4 ? { c: [tag()] } : {}), ...(random() < 0.2 ? { d: [tag()] } : {}) };
        return random() < 0.2 ? { outcome: "all_bad", tags } : { best: "a", worst: "d", tags };
      });
    }
    await recomputeLeaderboard(f.db, PARAMS);
    getLeaderboardCache().forget();
    const release = await createRelease(f.db, f.store, { bootstrap: 20, seed: 42 }, dir);
    const prices = await findReleaseFile(f.db, release.release, "prices.csv");
    if (!prices || !("manifest" in prices)) throw new Error("the release serves prices.csv");
    fs.writeFileSync(pricesFile, prices.manifest);
    expect(parsePriceTable(prices.manifest)).toEqual(release.prices);
    const exportCtx = {
      db: f.db,
      secret: f.ctx.secret,
      limiter: new RateLimiterMemory({ points: 1000, duration: 60 }),
      keyRequiredAboveRows: 0,
    };
    const response = await handleExportVotes(exportCtx, get("/api/export/votes?format=csv"));
    expect(response.status).toBe(200);
    fs.writeFileSync(votesFile, Buffer.from(await response.arrayBuffer()));
  });
  afterAll(async () => {
    await f.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(["overall", "category"])("the CLI prints the API's price and cost columns (%s)", async (which) => {
    const category =
      which === "overall" ? "overall" : (await f.db.category.findFirstOrThrow({ orderBy: { slug: "asc" } })).slug;
    const response = await handleLeaderboard(
      getPublicContext(f.db),
      get(`/api/leaderboard${category === "overall" ? "" : `?category=${category}`}`),
    );
    const board = leaderboardResponseSchema.parse(await response.json());
    const cli = runRatingsCli(votesFile, pricesFile, ...(category === "overall" ? [] : ["--category", category]));
    const pick = (row: Record<string, unknown>) => Object.fromEntries(COST_KEYS.map((key) => [key, row[key]]));
    const api = new Map(board.rows.map((row) => [row.slug, pick(row)]));
    expect(cli.rows.length).toBe(board.rows.length);
    for (const row of cli.rows) expect(pick(row), String(row.model)).toEqual(api.get(String(row.model)));
    // Every clip appearance is a trial: a pair's two and a quad's four (issue 32).
    if (category === "overall") expect(board.rows.reduce((n, r) => n + r.shown, 0)).toBe(2 * VOTES + 4 * QUADS);
    // The numbers are there to compare: some priced model has a cost, the unpriced one none.
    expect(board.rows.some((r) => r.costPerUsableClipUsd !== null)).toBe(true);
    expect(board.rows.some((r) => r.pricePerSecondUsd === null && r.costPerUsableClipUsd === null)).toBe(true);
  });
});
