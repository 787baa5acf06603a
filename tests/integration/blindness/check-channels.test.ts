import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { applyImport } from "@/lib/import/apply-import";
import { planImportText } from "@/lib/import/plan-import";
import { makeCheckTwins } from "@/lib/media/check-twins";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { ffmpegAvailable, formatOf } from "./renditions";
import { type MediaObservation, Voter } from "./voter-client";

// Issue 31, item 1: a check battle (a clip against its own degraded twin, made by the import's
// own twin step with ffmpeg) cannot be told from a real battle before the vote. A voter plays
// battles of one real prompt through the public API, half of them checks, and records everything
// it can see before voting: the battle JSON, and for each clip URL its container and codec tags
// (every ffprobe field but the clip's own), canvas, rate, frame count, duration, size from a Range
// request, whole-file hash, padding-stripped hash and `moov` hash. Only after the vote does the
// reveal say whether it was a check. No observable may separate checks from real battles, and no
// two URLs may share bytes or an index (lib/media/mp4-unlink.ts). What stays open is the content
// (docs/blindness.md): a twin's pictures are degraded, so its coded size differs; the size ratio
// of the two sides is measured and printed, not asserted closed.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve("..", "shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const hasFfmpeg = ffmpegAvailable();
const hasRealClips = fs.existsSync(path.join(REAL_CLIPS, "manifest.json"));
if (!hasRealClips && process.env.CI === "true") throw new Error(`real clips are required on CI: ${REAL_CLIPS}`);

const PROMPT = "dough-baking-timelapse";
const BATTLES = 40;

interface Seen {
  json: string;
  durationMs: number;
  withSound: boolean;
  media: [MediaObservation & { format: string }, MediaObservation & { format: string }];
  check: boolean;
}

/** Shape of a JSON value with per-battle strings (ids, tokens, times) reduced to their type. */
const shape = (value: unknown): unknown =>
  value && typeof value === "object"
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
    : typeof value;

describe.skipIf(!hasFfmpeg || !hasRealClips)("check battles look like any battle before the vote (real clips)", () => {
  let f: ArenaFixture;
  let dir: string;
  const seen: Seen[] = [];
  let twinsMade = 0;

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-checks-"));
    const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as {
      models: { slug: string }[];
      prompts: { key: string }[];
      clips: { prompt: string; model: string }[];
    };
    const clips = manifest.clips.filter((c) => c.prompt === PROMPT);
    const subset = {
      ...manifest,
      models: manifest.models.filter((m) => clips.some((c) => c.model === m.slug)),
      prompts: manifest.prompts.filter((p) => p.key === PROMPT),
      clips,
    };
    const { problems, plan } = await planImportText(f.db, JSON.stringify(subset), "json", { baseDir: REAL_CLIPS });
    expect(problems).toEqual([]);
    await applyImport(f.db, f.store, plan!);
    await plan!.discard();
    await f.db.clip.updateMany({ where: { prompt: { importKey: null } }, data: { hidden: true } });
    await f.db.prompt.updateMany({ where: { importKey: PROMPT }, data: { otherTakesAllowed: true } });
    // The import's own twin step (runImport calls the same function after applyImport).
    twinsMade = (await makeCheckTwins(f.db, f.store)).made;
    f.ctx.cache.invalidate();
    f.ctx.checkBattleEvery = 2;

    const voter = new Voter(f);
    let cookie: string | undefined;
    try {
      for (let i = 0; i < BATTLES; i += 1) {
        const response = await handleCreateBattle(f.ctx, postJson("/api/battles", {}, cookie));
        expect(response.status).toBe(201);
        cookie ??= cookieFrom(response);
        const battle = (await response.json()) as {
          battleId: string;
          left: { clipUrl: string };
          right: { clipUrl: string };
          durationMs: number;
          withSound: boolean;
        };
        const media = (await Promise.all(
          [battle.left.clipUrl, battle.right.clipUrl].map(async (url, n) => {
            const observed = await voter.observe(url);
            const file = path.join(dir, `${i}-${n}.mp4`);
            fs.writeFileSync(file, Buffer.from(await (await voter.fetchMedia(url)).arrayBuffer()));
            const format = await formatOf(file);
            fs.rmSync(file);
            return { ...observed, format };
          }),
        )) as Seen["media"];
        const voted = await handleVote(
          f.ctx,
          postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "tie" }, cookie),
          battle.battleId,
        );
        const { check } = (await voted.json()) as { check: unknown };
        seen.push({
          json: JSON.stringify(shape(battle)),
          durationMs: battle.durationMs,
          withSound: battle.withSound,
          media,
          check: check !== null,
        });
      }
    } finally {
      voter.close();
    }
  }, 1_800_000);
  afterAll(async () => {
    await f?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the import's twin step made a twin of every clip, and both kinds of battle were served", async () => {
    const clips = await f.db.clip.count({ where: { prompt: { importKey: PROMPT } } });
    expect(twinsMade).toBe(clips);
    expect(seen.filter((s) => s.check).length).toBeGreaterThanOrEqual(8);
    expect(seen.filter((s) => !s.check).length).toBeGreaterThanOrEqual(8);
  });

  test("the battle JSON, its length and sound flag are the same for checks and real battles", () => {
    expect(new Set(seen.map((s) => s.json)).size).toBe(1);
    expect(new Set(seen.map((s) => s.durationMs)).size).toBe(1);
    expect(new Set(seen.map((s) => s.withSound)).size).toBe(1);
  });

  test("every served file has the same tags, canvas, rate, frame count and duration, check or not", () => {
    const all = seen.flatMap((s) => s.media);
    expect(new Set(all.map((m) => m.fingerprint)).size).toBe(1);
    expect(new Set(all.map((m) => m.format)).size).toBe(1);
    expect(new Set(all.map((m) => m.hasAudio)).size).toBe(1);
    for (const m of all) expect(m.rangeTotal).toBe(m.size);
  });

  test("no two URLs share bytes, padding-stripped bytes or sizes: a check's two sides are not linkable to each other", () => {
    const all = seen.flatMap((s) => s.media);
    expect(new Set(all.map((m) => m.sha256)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.strippedSha256)).size).toBe(all.length);
    for (const { media } of seen) expect(media[0].size).not.toBe(media[1].size);
    // The content's own channel, measured and printed (not closed, see the top of this file): how
    // often a check's size spread between its sides exceeds a real battle's (AUC; 0.5 = nothing).
    const spread = (s: Seen) => Math.abs(Math.log(s.media[0].size / s.media[1].size));
    const checks = seen.filter((s) => s.check).map(spread);
    const real = seen.filter((s) => !s.check).map(spread);
    let wins = 0;
    for (const c of checks) for (const r of real) wins += c > r ? 1 : c === r ? 0.5 : 0;
    console.log(
      `size-ratio channel: AUC ${(wins / (checks.length * real.length)).toFixed(2)} (${checks.length} checks, ${real.length} real)`,
    );
  });
});
