import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleCreateBattle, handleVote } from "@/lib/http/arena-api";
import { applyImport } from "@/lib/import/apply-import";
import { planImportText } from "@/lib/import/plan-import";
import { type CheckTwinResult, makeCheckTwins, videoSampleTable } from "@/lib/media/check-twins";
import { serializeBox } from "@/lib/media/mp4-boxes";
import { indexMp4 } from "@/lib/media/mp4-unlink";
import { seededRandom } from "@/lib/random";
import { type ArenaFixture, cookieFrom, createArenaFixture, postJson } from "../arena-fixture";
import { ffmpegAvailable, formatOf } from "./renditions";
import { type MediaObservation, Voter } from "./voter-client";

// Issue 31, item 1: a check battle (a clip against its own degraded twin, made by the import's
// own twin step with ffmpeg) cannot be told from a real battle before the vote. A voter plays
// battles of four real prompts (canvases 256² to 1080p) through the
// public API, half of them checks, and records everything it can see before voting: the battle
// JSON, and for each clip URL its container and codec tags (every ffprobe field but the clip's
// own), canvas, rate, frame count, duration, size, whole-file hash, padding-stripped hash, and
// from the bytes its `moov` size and H.264 sample-size and sync-sample tables. Only after the vote
// does the reveal say whether it was a check. No fact may separate checks from real battles, no
// two URLs may share bytes or an index (lib/media/mp4-unlink.ts), and for every size feature an
// attacker's classifier is at chance: its AUC over checks and real battles is tested against a
// permutation of the labels (two-sided, α = 0.01 for the family, Bonferroni). The features include
// what an attacker reads by parsing the H.264 NAL units of a whole file: the coded pictures' own
// bytes (filler NAL units removed) and the filler NAL units (their largest, their share of the
// bytes, how many a sample holds), where a twin padded to its donor's sizes used to show, and the
// spread of the sample sizes (their CV), open until twins were coded frame by frame to their donor.
const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve("..", "shared");
const REAL_CLIPS = path.join(SHARED_DIR, "real-clips");
const hasFfmpeg = ffmpegAvailable();
const hasRealClips = fs.existsSync(path.join(REAL_CLIPS, "manifest.json"));
if (!hasRealClips && process.env.CI === "true") throw new Error(`real clips are required on CI: ${REAL_CLIPS}`);

// The one prompt of the earlier test, two small fetv prompts and a 1080p one.
const PROMPTS = ["dough-baking-timelapse", "fetv-001-horse-race", "fetv-025-fireworks", "hummingbird-flower-t2v"];
const BATTLES = 120;
/** A fresh voter every this many battles, so the revealed-model filter never runs dry. */
const BATTLES_PER_VOTER = 10;
const PERMUTATIONS = 4000;
const ALPHA = 0.01;

/** What the sizes of one served file say, read from its bytes. */
interface SizeFacts {
  moovBytes: number;
  /** H.264 sample sizes (bytes) and sync samples, from `stsz` and `stss`. */
  samples: number[];
  keyframes: number[];
  /** Bytes of the coded pictures: every NAL unit of every sample but filler data (type 12). */
  pictureBytes: number;
  /** The largest filler NAL unit of any sample, in bytes. */
  largestFiller: number;
  /** Bytes of all filler NAL units. */
  fillerBytes: number;
  /** The most filler NAL units one sample holds. */
  fillersPerSample: number;
}

type Served = MediaObservation & { format: string; sizes: SizeFacts };

interface Seen {
  /** The battle's prompt (from the database: the facts below are compared within a prompt). */
  promptId: string;
  json: string;
  durationMs: number;
  withSound: boolean;
  media: [Served, Served];
  check: boolean;
}

/** Reads a served file's size facts as an attacker would, from the MP4 index and the NAL units. */
function sizeFactsOf(bytes: Buffer): SizeFacts {
  const index = indexMp4(bytes, bytes.length);
  if ("unsupported" in index) throw new Error(index.unsupported);
  const { sizes, keyframes } = videoSampleTable(bytes);
  const video = index.tracks.findIndex((track) => track.nalLengthSize !== null);
  let pictureBytes = 0;
  let largestFiller = 0;
  let fillerBytes = 0;
  let fillersPerSample = 0;
  for (let i = 0; i < index.samples.size.length; i += 1) {
    if (index.samples.track[i] !== video) continue;
    const start = index.samples.offset[i]!;
    const end = start + index.samples.size[i]!;
    let fillers = 0;
    for (let at = start; at < end;) {
      const length = bytes.readUInt32BE(at) + 4;
      if ((bytes[at + 4]! & 0x1f) === 12) {
        largestFiller = Math.max(largestFiller, length);
        fillerBytes += length;
        fillers += 1;
      } else pictureBytes += length;
      at += length;
    }
    fillersPerSample = Math.max(fillersPerSample, fillers);
  }
  const facts = { pictureBytes, largestFiller, fillerBytes, fillersPerSample };
  return { moovBytes: serializeBox(index.moov).length, samples: [...sizes], keyframes, ...facts };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cv = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2))) / mean(xs);
/** Share of samples under 512 bytes (a repeated or frozen frame codes to a few dozen). */
const tinyShare = (xs: readonly number[]) => xs.filter((x) => x < 512).length / xs.length;
const logRatio = (a: number, b: number) => Math.abs(Math.log(a / b));

/** A battle feature: a number from the two sides' facts, symmetric in the sides. */
type Feature = (a: Served, b: Served) => number;
const SIZE_FEATURES: [string, Feature][] = [
  ["total size ratio |log(a/b)|", (a, b) => logRatio(a.size, b.size)],
  ["moov size difference", (a, b) => Math.abs(a.sizes.moovBytes - b.sizes.moovBytes)],
  ["mean sample size ratio", (a, b) => logRatio(mean(a.sizes.samples), mean(b.sizes.samples))],
  ["sample-size CV, larger side", (a, b) => Math.max(cv(a.sizes.samples), cv(b.sizes.samples))],
  ["sample-size CV difference", (a, b) => Math.abs(cv(a.sizes.samples) - cv(b.sizes.samples))],
  ["share of samples < 512 B, larger side", (a, b) => Math.max(tinyShare(a.sizes.samples), tinyShare(b.sizes.samples))],
  ["smallest sample, smaller side", (a, b) => Math.min(...a.sizes.samples, ...b.sizes.samples)],
  ["largest sample ratio", (a, b) => logRatio(Math.max(...a.sizes.samples), Math.max(...b.sizes.samples))],
  [
    "mean keyframe size ratio",
    (a, b) =>
      logRatio(
        mean(a.sizes.keyframes.map((k) => a.sizes.samples[k]!)),
        mean(b.sizes.keyframes.map((k) => b.sizes.samples[k]!)),
      ),
  ],
  ["keyframe count difference", (a, b) => Math.abs(a.sizes.keyframes.length - b.sizes.keyframes.length)],
];
/** What an attacker reads by parsing the NAL units of both whole files (filler: H.264 nal_unit_type 12). */
const fillerShare = (m: Served) => m.sizes.fillerBytes / (m.sizes.fillerBytes + m.sizes.pictureBytes);
const NAL_FEATURES: [string, Feature][] = [
  ["coded picture bytes ratio (NAL)", (a, b) => logRatio(a.sizes.pictureBytes, b.sizes.pictureBytes)],
  [
    "coded picture bytes per sample, smaller side (NAL)",
    (a, b) => Math.min(a.sizes.pictureBytes / a.sizes.samples.length, b.sizes.pictureBytes / b.sizes.samples.length),
  ],
  ["largest filler NAL unit, larger side (NAL)", (a, b) => Math.max(a.sizes.largestFiller, b.sizes.largestFiller)],
  ["filler share of the bytes, larger side (NAL)", (a, b) => Math.max(fillerShare(a), fillerShare(b))],
  [
    "filler NAL units in one sample, most (NAL)",
    (a, b) => Math.max(a.sizes.fillersPerSample, b.sizes.fillersPerSample),
  ],
];
const FEATURES = [...SIZE_FEATURES, ...NAL_FEATURES];

/** AUC of `feature` for telling checks (positives) from real battles: P(check > real), ties ½. */
function aucOf(values: readonly number[], isCheck: readonly boolean[]): number {
  let wins = 0;
  let pairs = 0;
  values.forEach((c, i) => {
    if (!isCheck[i]) return;
    values.forEach((r, j) => {
      if (isCheck[j]) return;
      wins += c > r ? 1 : c === r ? 0.5 : 0;
      pairs += 1;
    });
  });
  return wins / pairs;
}

/**
 * Two-sided permutation p-value of an AUC (an attacker may use either direction): the share of
 * label permutations whose AUC is at least as far from ½, with the observed one counted
 * (Phipson & Smyth 2010). Deterministic (seeded shuffles).
 */
function permutationP(values: readonly number[], isCheck: readonly boolean[]): number {
  const observed = Math.abs(aucOf(values, isCheck) - 0.5);
  const random = seededRandom(31);
  const labels = [...isCheck];
  let extreme = 0;
  for (let p = 0; p < PERMUTATIONS; p += 1) {
    for (let i = labels.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    if (Math.abs(aucOf(values, labels) - 0.5) >= observed - 1e-12) extreme += 1;
  }
  return (extreme + 1) / (PERMUTATIONS + 1);
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
  let twinSeconds = 0;
  let twinsFailed: CheckTwinResult["failed"] = [];

  beforeAll(async () => {
    f = await createArenaFixture("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "clip-arena-checks-"));
    const manifest = JSON.parse(fs.readFileSync(path.join(REAL_CLIPS, "manifest.json"), "utf8")) as {
      models: { slug: string }[];
      prompts: { key: string }[];
      clips: { prompt: string; model: string }[];
    };
    const clips = manifest.clips.filter((c) => PROMPTS.includes(c.prompt));
    const subset = {
      ...manifest,
      models: manifest.models.filter((m) => clips.some((c) => c.model === m.slug)),
      prompts: manifest.prompts.filter((p) => PROMPTS.includes(p.key)),
      clips,
    };
    const { problems, plan } = await planImportText(f.db, JSON.stringify(subset), "json", { baseDir: REAL_CLIPS });
    expect(problems).toEqual([]);
    await applyImport(f.db, f.store, plan!);
    await plan!.discard();
    await f.db.clip.updateMany({ where: { prompt: { importKey: null } }, data: { hidden: true } });
    await f.db.prompt.updateMany({ where: { importKey: { in: PROMPTS } }, data: { otherTakesAllowed: true } });
    // The import's own twin step (runImport calls the same function after applyImport).
    const started = performance.now();
    const twins = await makeCheckTwins(f.db, f.store);
    twinsFailed = twins.failed;
    twinsMade = twins.made;
    twinSeconds = (performance.now() - started) / 1000;
    f.ctx.cache.invalidate();
    f.ctx.checkBattleEvery = 2;

    const voter = new Voter(f);
    let cookie: string | undefined;
    try {
      for (let i = 0; i < BATTLES; i += 1) {
        if (i % BATTLES_PER_VOTER === 0) cookie = undefined;
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
            const bytes = Buffer.from(await (await voter.fetchMedia(url)).arrayBuffer());
            fs.writeFileSync(file, bytes);
            const format = await formatOf(file);
            fs.rmSync(file);
            return { ...observed, format, sizes: sizeFactsOf(bytes) };
          }),
        )) as Seen["media"];
        const voted = await handleVote(
          f.ctx,
          postJson(`/api/battles/${battle.battleId}/vote`, { outcome: "tie" }, cookie),
          battle.battleId,
        );
        const { check } = (await voted.json()) as { check: unknown };
        const { promptId } = await f.db.battle.findUniqueOrThrow({ where: { id: battle.battleId } });
        seen.push({
          promptId,
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
    const clips = await f.db.clip.count({ where: { prompt: { importKey: { in: PROMPTS } } } });
    expect(twinsFailed).toEqual([]);
    expect(twinsMade).toBe(clips);
    console.log(
      `twins: ${twinsMade} made in ${twinSeconds.toFixed(1)} s (${(twinSeconds / clips).toFixed(2)} s a clip)`,
    );
    // A second run finds every twin current (same format, same size donor): nothing to make.
    expect((await makeCheckTwins(f.db, f.store)).made).toBe(0);
    expect(seen.filter((s) => s.check).length).toBeGreaterThanOrEqual(8);
    expect(seen.filter((s) => !s.check).length).toBeGreaterThanOrEqual(8);
  });

  /** The battles of each prompt: within one, checks and real battles must look alike. */
  const byPrompt = () => {
    const groups = new Map<string, Seen[]>();
    for (const s of seen) groups.set(s.promptId, [...(groups.get(s.promptId) ?? []), s]);
    return groups;
  };

  test("the battle JSON, its length and sound flag are the same for checks and real battles of a prompt", () => {
    expect(byPrompt().size).toBe(PROMPTS.length);
    for (const battles of byPrompt().values()) {
      expect(new Set(battles.map((s) => s.json)).size).toBe(1);
      expect(new Set(battles.map((s) => s.durationMs)).size).toBe(1);
      expect(new Set(battles.map((s) => s.withSound)).size).toBe(1);
    }
  });

  test("every served file of a prompt has the same tags, canvas, rate, frame count and duration, check or not", () => {
    for (const battles of byPrompt().values()) {
      const all = battles.flatMap((s) => s.media);
      expect(new Set(all.map((m) => m.fingerprint)).size).toBe(1);
      expect(new Set(all.map((m) => m.format)).size).toBe(1);
      expect(new Set(all.map((m) => m.hasAudio)).size).toBe(1);
      for (const m of all) expect(m.rangeTotal).toBe(m.size);
    }
  });

  test("no two URLs share bytes, padding-stripped bytes or sizes: a check's two sides are not linkable to each other", () => {
    const all = seen.flatMap((s) => s.media);
    expect(new Set(all.map((m) => m.sha256)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.strippedSha256)).size).toBe(all.length);
    for (const { media } of seen) expect(media[0].size).not.toBe(media[1].size);
  });

  test("no size or NAL-unit feature tells a check from a real battle better than chance", () => {
    const isCheck = seen.map((s) => s.check);
    const rows = FEATURES.map(([name, feature]) => {
      const values = seen.map((s) => feature(s.media[0], s.media[1]));
      return { name, auc: aucOf(values, isCheck), p: permutationP(values, isCheck) };
    });
    console.log(
      [
        `${isCheck.filter(Boolean).length} checks, ${isCheck.filter((c) => !c).length} real battles, ${PROMPTS.length} prompts`,
        "| feature | AUC | p (permutation, two-sided) |",
        "| --- | --- | --- |",
        ...rows.map((r) => `| ${r.name} | ${r.auc.toFixed(2)} | ${r.p.toPrecision(2)} |`),
      ].join("\n"),
    );
    for (const row of rows) expect(row.p, row.name).toBeGreaterThan(ALPHA / rows.length);
  });
});
