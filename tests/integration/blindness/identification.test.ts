import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MIN_MODELS_PER_PROMPT } from "@/lib/arena/blind-pool";
import { handlePromptPublication, handlePromptTakes } from "@/lib/http/admin-api";
import { applyImport } from "@/lib/import/apply-import";
import { planImportText } from "@/lib/import/plan-import";
import { adminContextOf, adminRequest, signInAs } from "../admin/admin-fixture";
import { type ArenaFixture, createArenaFixture } from "../arena-fixture";
import { countIdentifications } from "./attacks";
import { ffmpegAvailable, giveClipsRenditions } from "./renditions";
import { type ObservedBattle, Voter } from "./voter-client";

const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve("..", "shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const hasFfmpeg = ffmpegAvailable();
const hasRealClips = fs.existsSync(path.join(REAL_CLIPS, "manifest.json"));
if (!hasRealClips && process.env.CI === "true") throw new Error(`real clips are required on CI: ${REAL_CLIPS}`);
if (!hasRealClips) console.warn(`${REAL_CLIPS} not found (set SHARED_DIR): skipping the real-clip blindness run`);

/** Publishes a prompt through the operator API, as an admin would: its clips leave the arena. */
async function publish(f: ArenaFixture, promptId: string): Promise<void> {
  const admin = await signInAs(f, `publisher-${promptId}@example.org`, "admin");
  const response = await handlePromptPublication(
    adminContextOf(f),
    adminRequest("POST", `/api/admin/prompts/${promptId}/publish`, {
      as: admin,
      body: { published: true, reason: "enough votes" },
    }),
    promptId,
  );
  expect(response.status).toBe(200);
  f.ctx.cache.invalidate();
}

/**
 * Allows a prompt's later takes in the arena through the operator API, as an admin would: the
 * real clips are all `firstTake: false`, and the arena serves first takes only unless allowed.
 */
async function allowOtherTakes(f: ArenaFixture, promptId: string): Promise<void> {
  const admin = await signInAs(f, `takes-${promptId}@example.org`, "admin");
  const response = await handlePromptTakes(
    adminContextOf(f),
    adminRequest("POST", `/api/admin/prompts/${promptId}/takes`, {
      as: admin,
      body: { otherTakesAllowed: true, reason: "real clips are later takes" },
    }),
    promptId,
  );
  expect(response.status).toBe(200);
  f.ctx.cache.invalidate();
}

/** Plays `rounds` battles as one determined voter and runs every attack over what it saw. */
async function attack(f: ArenaFixture, rounds: number, options: { durations: boolean }) {
  const voter = new Voter(f);
  try {
    const catalogue = await voter.namedCatalogue();
    const battles: ObservedBattle[] = [];
    for (let i = 0; i < rounds; i += 1) battles.push(await voter.battle());
    return { catalogue, battles, found: countIdentifications(catalogue, battles, options) };
  } finally {
    voter.close();
  }
}

const NONE = {
  namedSize: 0,
  namedHash: 0,
  namedContent: 0,
  repeatSize: 0,
  repeatHash: 0,
  duration: 0,
  soundMismatch: 0,
  metadataMismatch: 0,
};

describe.skipIf(!hasFfmpeg)("blindness on the demo: no model named before the vote", () => {
  let f: ArenaFixture;
  let seen: Awaited<ReturnType<typeof attack>>;

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    await f.db.clip.updateMany({ data: { renditionKey: null } });
    await giveClipsRenditions(f.db, f.store);
    const prompt = await f.db.prompt.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    await publish(f, prompt.id);
    seen = await attack(f, 24, { durations: true });
  }, 600_000);
  afterAll(() => f.close());

  test("size, hash, Range-total, metadata and sound attacks identify nothing", () => {
    const { catalogue, battles, found } = seen;
    // The published prompt gives the attacker a real named catalogue to compare against.
    expect(catalogue.length).toBeGreaterThan(0);
    expect(battles.every((b) => b.media.every((m) => m.size === m.rangeTotal))).toBe(true);
    expect({ ...found, duration: 0 }).toEqual(NONE);
    // One container, codec and tag set for every clip served.
    expect(new Set(battles.flatMap((b) => b.media.map((m) => m.fingerprint))).size).toBe(1);
  });

  test("durationMs learnt from earlier reveals names no model", () => {
    expect(seen.found.duration).toBe(0);
  });
});

describe.skipIf(!hasFfmpeg || !hasRealClips)("blindness on real clips: no model named before the vote", () => {
  let f: ArenaFixture;
  // In the pool: Veo 3 and Veo 2 (both with sound), Wan 2.1 (H.264, silent), FramePack (VP9 WebM).
  const POOL = { prompt: "hummingbird-flower-i2v", models: ["veo-3", "veo-2", "wan-2-1-i2v-14b", "framepack-hunyuan"] };
  // Published, so the named pages list its clips: the attacker's catalogue.
  const PUBLISHED = { prompt: "hummingbird-flower-t2v", models: ["wan-2-1-t2v-1-3b", "cogvideox-5b"] };

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as {
      models: { slug: string }[];
      prompts: { key: string; categories?: string[] }[];
      clips: { prompt: string; model: string }[];
      categories?: unknown[];
    };
    const picked = [POOL, PUBLISHED];
    const subset = {
      ...manifest,
      models: manifest.models.filter((m) => picked.some((p) => p.models.includes(m.slug))),
      prompts: manifest.prompts.filter((p) => picked.some((q) => q.prompt === p.key)),
      clips: manifest.clips.filter((c) => picked.some((p) => p.prompt === c.prompt && p.models.includes(c.model))),
    };
    // The app's own import path; renditions are made here with the rendition settings until the
    // import makes them itself.
    const { problems, plan } = await planImportText(f.db, JSON.stringify(subset), "json", { baseDir: REAL_CLIPS });
    expect(problems).toEqual([]);
    await applyImport(f.db, f.store, plan!);
    await f.db.clip.updateMany({
      where: { prompt: { importKey: { in: [POOL.prompt, PUBLISHED.prompt] } } },
      data: { renditionKey: null },
    });
    // Only the real clips take part: the demo's clips leave the arena.
    await f.db.clip.updateMany({ where: { prompt: { importKey: null } }, data: { hidden: true } });
    await giveClipsRenditions(f.db, f.store);
    for (const key of [POOL.prompt, PUBLISHED.prompt]) {
      const prompt = await f.db.prompt.findUniqueOrThrow({ where: { importKey: key } });
      await allowOtherTakes(f, prompt.id);
    }
    // The pooled prompt must be in the blind pool under its rules (unpublished, enough models).
    expect(POOL.models.length).toBeGreaterThanOrEqual(MIN_MODELS_PER_PROMPT);
    const published = await f.db.prompt.findUniqueOrThrow({ where: { importKey: PUBLISHED.prompt } });
    await publish(f, published.id);
  }, 600_000);
  afterAll(() => f.close());

  test("size, hash, Range-total, metadata, codec and sound attacks identify nothing", async () => {
    const { catalogue, battles, found } = await attack(f, 12, { durations: false });
    expect(catalogue.map((c) => c.model).sort()).toHaveLength(PUBLISHED.models.length);
    // Veo 3 and Veo 2 have sound, the prompt's other clips none: every battle of it is silent,
    // Veo 3 against Veo 2 too (sound only when every clip of the prompt has it, issue 25 item 3).
    expect(battles.some((b) => b.media.some((m) => m.hasAudio))).toBe(false);
    expect(found).toEqual(NONE);
    // H.264 and VP9, MP4 and WebM, vendor tags: one fingerprint for silent clips, one for clips with sound.
    for (const sound of [false, true]) {
      const prints = battles.flatMap((b) => b.media.filter((m) => m.hasAudio === sound).map((m) => m.fingerprint));
      expect(new Set(prints).size).toBeLessThanOrEqual(1);
    }
  }, 600_000);
});
