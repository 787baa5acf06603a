import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { applyImport } from "@/lib/import/apply-import";
import { planImportText } from "@/lib/import/plan-import";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { ffmpegAvailable, formatOf } from "./renditions";
import { type MediaObservation, Voter } from "./voter-client";

// Issue 32, item 1: a quad battle keeps every promise a pair keeps before the vote. A voter plays
// quads and pairs of one real prompt (five models) through the public API and records what it
// can see: the battle JSON, and for each clip URL its container and codec tags, canvas, rate,
// frame count, duration, size from a Range request, whole-file and padding-stripped hashes. One
// delivery format and one length per battle (the prompt's, the same as its pairs'), sound only
// when every clip has it, no per-side facts in the JSON, and no two URLs sharing bytes.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve("..", "shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const hasFfmpeg = ffmpegAvailable();
const hasRealClips = fs.existsSync(path.join(REAL_CLIPS, "manifest.json"));
if (!hasRealClips && process.env.CI === "true") throw new Error(`real clips are required on CI: ${REAL_CLIPS}`);
if (!hasRealClips) console.warn(`real clips not found at ${REAL_CLIPS}: skipping the quad blindness test`);

const PROMPT = "nyc-woman-walk-t2v";
const BATTLES = 8;

interface Seen {
  size: 2 | 4;
  text: string;
  shape: string;
  durationMs: number;
  withSound: boolean;
  media: (MediaObservation & { format: string })[];
}

/** Shape of a JSON value with per-battle strings (ids, tokens, times) reduced to their type. */
const shape = (value: unknown): unknown =>
  value && typeof value === "object"
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
    : typeof value;

describe.skipIf(!hasFfmpeg || !hasRealClips)("quad battles show what pairs show before the vote (real clips)", () => {
  let f: ArenaFixture;
  let dir: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-quads-"));
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
    // The manifest marks these clips as not first takes: the operator allows them on this prompt.
    await f.db.prompt.updateMany({ where: { importKey: PROMPT }, data: { otherTakesAllowed: true } });
    f.ctx.cache.invalidate();

    const voter = new Voter(f);
    let cookie: string | undefined;
    try {
      for (let i = 0; i < 2 * BATTLES; i += 1) {
        const size = i % 2 === 0 ? 4 : 2;
        const response = await handleCreateBattle(f.ctx, postJson("/api/battles", { size }, cookie));
        expect(response.status).toBe(201);
        cookie ??= cookieFrom(response);
        const text = await response.text();
        const battle = JSON.parse(text) as {
          battleId: string;
          left?: { clipUrl: string };
          right?: { clipUrl: string };
          sides?: Record<string, { clipUrl: string }>;
          durationMs: number;
          withSound: boolean;
        };
        const urls = battle.sides
          ? Object.values(battle.sides).map((side) => side.clipUrl)
          : [battle.left!.clipUrl, battle.right!.clipUrl];
        const media = await Promise.all(
          urls.map(async (url, n) => {
            const observed = await voter.observe(url);
            const file = path.join(dir, `${i}-${n}.mp4`);
            fs.writeFileSync(file, Buffer.from(await (await voter.fetchMedia(url)).arrayBuffer()));
            const format = await formatOf(file);
            fs.rmSync(file);
            return { ...observed, format };
          }),
        );
        const body = size === 4 ? { best: "a", worst: "d" } : { outcome: "tie" };
        const voted = await handleVote(
          f.ctx,
          postJson(`/api/battles/${battle.battleId}/vote`, body, cookie),
          battle.battleId,
        );
        expect(voted.status).toBe(201);
        seen.push({
          size,
          text,
          shape: JSON.stringify(shape(battle)),
          durationMs: battle.durationMs,
          withSound: battle.withSound,
          media,
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

  test("quads and pairs were served, a quad with four distinct models", async () => {
    expect(seen.filter((s) => s.size === 4)).toHaveLength(BATTLES);
    const quads = await f.db.vote.findMany({ where: { size: 4 } });
    for (const vote of quads) {
      expect(new Set([vote.leftModelId, vote.rightModelId, vote.modelCId, vote.modelDId]).size).toBe(4);
    }
  });

  test("every quad's JSON has one shape, one length and one sound flag, those of the prompt's pairs", async () => {
    const quads = seen.filter((s) => s.size === 4);
    expect(new Set(quads.map((s) => s.shape)).size).toBe(1);
    expect(new Set(seen.map((s) => s.durationMs)).size).toBe(1);
    expect(new Set(seen.map((s) => s.withSound)).size).toBe(1);
    // Each side carries its URL and nothing else: no per-side length, size or sound.
    for (const quad of quads) {
      const { sides } = JSON.parse(quad.text) as { sides: Record<string, object> };
      for (const side of Object.values(sides)) expect(Object.keys(side)).toEqual(["clipUrl"]);
    }
    const secrets = [
      ...(await f.db.model.findMany()).flatMap((m) => [m.name, m.slug, m.id]),
      ...(await f.db.clip.findMany()).map((c) => c.id),
    ];
    for (const { text } of seen) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  test("every served file of every battle has one delivery format: tags, canvas, rate, frames, duration", () => {
    const all = seen.flatMap((s) => s.media);
    expect(new Set(all.map((m) => m.fingerprint)).size).toBe(1);
    expect(new Set(all.map((m) => m.format)).size).toBe(1);
    expect(new Set(all.map((m) => m.hasAudio)).size).toBe(1);
    for (const m of all) expect(m.rangeTotal).toBe(m.size);
  });

  test("no two URLs share bytes or padding-stripped bytes, within a quad or across battles", () => {
    const all = seen.flatMap((s) => s.media);
    expect(new Set(all.map((m) => m.sha256)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.strippedSha256)).size).toBe(all.length);
  });
});
