import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { issueApiKey } from "@/lib/export/api-keys";
import { handleExportVotes } from "@/lib/http/export-api";
import { getLeaderboardCache, getPublicContext } from "@/lib/http/app-context";
import { handleLeaderboard } from "@/lib/http/leaderboard-api";
import { recomputeLeaderboard } from "@/lib/leaderboard/recompute";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { testEngines } from "../engines";

const OUTCOMES = ["left", "right", "tie", "both_bad"] as const;

describe.each(testEngines)("vote export on %s", (engine) => {
  let f: ArenaFixture;
  let exportCtx: Parameters<typeof handleExportVotes>[0];
  const get = (query: string) =>
    handleExportVotes(
      exportCtx,
      new Request(`http://localhost/api/export/votes${query}`, { headers: { "x-forwarded-for": "198.51.100.7" } }),
    );

  beforeAll(async () => {
    f = await createArenaFixture(engine);
    exportCtx = {
      db: f.db,
      secret: f.ctx.secret,
      limiter: new RateLimiterMemory({ points: 1000, duration: 60 }),
      keyRequiredAboveRows: 0,
    };
    // 135 votes on varied pairs and prompts: every 4th tagged, every 13th flagged (11), the last 5 named.
    const clips = await f.db.clip.findMany({ select: { id: true, promptId: true, modelId: true } });
    const sessions = await Promise.all(["v1", "v2", "v3"].map((id) => f.db.voterSession.create({ data: { id } })));
    for (let i = 0; i < 135; i += 1) {
      const left = clips[(i * 7) % clips.length]!;
      const right =
        clips.find(
          (c) => c.promptId === left.promptId && c.modelId !== left.modelId && (i % 5 === 0 || c.id > left.id),
        ) ?? clips.find((c) => c.promptId === left.promptId && c.modelId !== left.modelId)!;
      const session = sessions[i % 3]!;
      const kind = i >= 130 ? ("named" as const) : ("anonymous" as const);
      const battle = await f.db.battle.create({
        data: {
          token: `tok-${i}`,
          kind,
          promptId: left.promptId,
          leftClipId: left.id,
          rightClipId: right.id,
          voterSessionId: session.id,
          lang: "en",
          expiresAt: new Date(Date.now() + 60_000),
        },
      });
      await f.ctx.votes.write({
        battleId: battle.id,
        kind,
        promptId: left.promptId,
        leftModelId: left.modelId,
        rightModelId: right.modelId,
        voterSessionId: session.id,
        outcome: OUTCOMES[(i * 3 + (i % 7)) % 4]!,
        promptLang: null,
        decisionMs: 6000 + i,
        flagged: i % 13 === 0,
        flagReason: i % 13 === 0 ? "too_fast" : null,
        createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
        tags:
          i % 4 === 0
            ? [
                { side: "right", tag: "physics_violation" },
                { side: "left", tag: "blurry_low_detail" },
              ]
            : [],
      });
    }
  });
  afterAll(() => f.close());

  test("CSV, JSONL and Parquet carry the same rows", async () => {
    const csvResponse = await get("?format=csv");
    expect(csvResponse.headers.get("content-type")).toMatch(/^text\/csv/);
    const csv = parse<Record<string, string>>(await csvResponse.text(), { columns: true });
    const jsonl = (await (await get("?format=jsonl")).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const parquetBytes = await (await get("?format=parquet")).arrayBuffer();
    const parquet = (await parquetReadObjects({ file: parquetBytes })) as Record<string, unknown>[];

    // Default: flagged votes are left out, named votes kept (marked).
    expect(csv).toHaveLength(124);
    expect(jsonl).toHaveLength(124);
    expect(parquet).toHaveLength(124);
    expect(jsonl.filter((r) => r.battle_kind === "named")).toHaveLength(4); // i = 131…134; 130 is flagged
    for (let i = 0; i < csv.length; i += 1) {
      const [c, j, p] = [csv[i]!, jsonl[i]!, parquet[i]!];
      expect(c.vote_id).toBe(j.vote_id);
      expect(p.vote_id).toBe(j.vote_id);
      expect([c.model_a, c.model_b, c.winner]).toEqual([j.model_a, j.model_b, j.winner]);
      expect(p.winner).toBe(j.winner);
      expect(c.tags_b).toBe((j.tags_b as string[]).join("|"));
      expect(Number(c.tstamp)).toBeCloseTo(j.tstamp as number, 3);
      expect(p.decision_ms).toBe(j.decision_ms);
      expect(c.judge).toMatch(/^[0-9a-f]{16}$/);
      expect(c.judge).not.toMatch(/^v[123]$/);
    }
    expect(new Set(jsonl.map((r) => r.judge)).size).toBe(3);
    expect(Object.keys(jsonl[0]!)).toContain("prompt_text_zh");
  });

  test.each(["csv", "jsonl", "parquet"])(
    "a %s export the client leaves mid-stream ends quietly: no error logged or thrown, the next export whole",
    async (format) => {
      const errors = vi.spyOn(console, "error");
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      try {
        for (const readFirst of [false, true]) {
          const reader = (await get(`?format=${format}`)).body!.getReader();
          if (readFirst) expect((await reader.read()).done).toBe(false);
          // Leave while a pull is on its way: the chunk it brings must not be enqueued after cancel.
          const pending = reader.read();
          await reader.cancel();
          expect((await pending).done).toBe(true);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(errors).not.toHaveBeenCalled();
        expect(unhandled).toEqual([]);
        const whole = await get(`?format=${format}`);
        expect(whole.status).toBe(200);
        expect((await whole.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      } finally {
        process.off("unhandledRejection", onUnhandled);
        errors.mockRestore();
      }
    },
  );

  test("filters by category, model, dates and flagged", async () => {
    const rows = async (query: string) =>
      (await (await get(`${query}&format=jsonl`)).text())
        .trim()
        .split("\n")
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              categories: string[];
              model_a: string;
              model_b: string;
              tstamp: number;
              flagged: boolean;
            },
        );
    for (const row of await rows("?category=dance")) expect(row.categories).toContain("dance");
    for (const row of await rows("?model=veo-2")) expect([row.model_a, row.model_b]).toContain("veo-2");
    const from = Date.UTC(2026, 10, 1, 1) / 1000;
    for (const row of await rows(`?from=${from}`)) expect(row.tstamp).toBeGreaterThanOrEqual(from);
    const all = await rows("?includeFlagged=true");
    expect(all).toHaveLength(135);
    expect(all.filter((r) => r.flagged)).toHaveLength(11);
  });

  test.each([
    ["?format=xlsx", 400],
    ["?from=yesterday", 400],
    ["?from=2026-12-01&to=2026-11-01", 400],
    ["?from=2026-02-30", 400],
    ["?to=2026-13-45&format=parquet", 400],
    ["?from=2025-02-29", 400],
    ["?includeFlagged=yes", 400],
    ["?category=nope", 404],
    ["?model=nope", 404],
    ["?format=csv&extra=1", 400],
    ["?format=csv&bom=yes", 400],
    ["?format=csv&expand=quads", 400],
    ["?format=csv&from=&to=&category=&model=", 200],
    // The `to` day is included, as on the leaderboard: every vote was cast on 2026-11-01.
    ["?from=2026-11-01&to=2026-11-01", 200],
  ])("answers %s with %i", async (query, status) => {
    const response = await get(query);
    expect(response.status).toBe(status);
    if (status >= 400)
      expect(((await response.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
    else expect((await response.text()).split("\n")).toHaveLength(126); // header + 124 rows + final newline
  });

  test("bom=1 begins the CSV with a UTF-8 byte-order mark and nothing else changes; other formats ignore it", async () => {
    const plain = Buffer.from(await (await get("?format=csv")).arrayBuffer());
    const marked = Buffer.from(await (await get("?format=csv&bom=1")).arrayBuffer());
    expect(plain.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(marked.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(marked.subarray(3)).toEqual(plain);
    expect(Buffer.from(await (await get("?format=csv&bom=0")).arrayBuffer())).toEqual(plain);
    const jsonl = Buffer.from(await (await get("?format=jsonl&bom=1")).arrayBuffer());
    expect(jsonl.subarray(0, 1).toString()).toBe("{");
  });

  test("the published leaderboard is recomputed exactly from the exported votes", async () => {
    const params = {
      btBootstrap: 100,
      eloBootstrap: 0,
      eloK: 4,
      seed: 42,
      includeFlagged: false,
      burstVotesPerMinute: 60,
    };
    await recomputeLeaderboard(f.db, params);
    getLeaderboardCache().forget();
    const published = (await (
      await handleLeaderboard(getPublicContext(f.db), new Request("http://localhost/api/leaderboard"))
    ).json()) as { rows: { slug: string; rating: number; ciLow: number | null; ciHigh: number | null }[] };

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-export-"));
    const file = path.join(dir, "votes.csv");
    fs.writeFileSync(file, Buffer.from(await (await get("?format=csv")).arrayBuffer()));
    const problems: VoteFileProblem[] = [];
    const cells = new PairCellAccumulator();
    for await (const battle of readVoteFile(file, problems)) if (!battle.named && !battle.flagged) cells.add(battle);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
    const recomputed = computeBradleyTerry(cells.toCells(), { bootstrap: 100, seed: 42 });
    expect(recomputed.rows.map(({ model, rating, ciLow, ciHigh }) => ({ model, rating, ciLow, ciHigh }))).toEqual(
      // Exports name models by slug, as the ratings do; the board shows names beside them.
      published.rows.map(({ slug, rating, ciLow, ciHigh }) => ({ model: slug, rating, ciLow, ciHigh })),
    );
  });

  test("a large export can require a researcher's API key, which is stored hashed", async () => {
    const guarded = { ...exportCtx, keyRequiredAboveRows: 50 };
    const call = (query: string, headers: Record<string, string> = {}) =>
      handleExportVotes(guarded, new Request(`http://localhost/api/export/votes${query}`, { headers }));
    const refused = await call("?format=jsonl");
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("api_key_required");
    expect((await call("?format=jsonl&model=veo-2&category=dance")).status).toBe(200); // a slice under the limit

    const key = await issueApiKey(f.db, "researcher@example.org");
    expect(await f.db.apiKey.count({ where: { keyHash: key } })).toBe(0);
    expect((await call("?format=csv", { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await call(`?format=csv&key=${key}`)).status).toBe(200);
    expect((await call("?format=csv", { authorization: "Bearer ca_not-a-key" })).status).toBe(401);
    await f.db.apiKey.updateMany({ data: { revokedAt: new Date() } });
    expect((await call("?format=csv", { authorization: `Bearer ${key}` })).status).toBe(401);
  });
});
