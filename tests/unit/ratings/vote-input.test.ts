import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { encodeCsv, encodeParquet } from "@/lib/export/encoders";
import { type ExportRow, PAIR_ROW_QUAD_COLUMNS } from "@/lib/export/columns";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { NO_CLIP_COLUMNS } from "@/lib/ratings/vote-row";
import { VoteSelection } from "@/lib/ratings/vote-selection";
import { fixturePath, readFixtures } from "./fixture-votes";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vote-input-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const kept = (battles: Awaited<ReturnType<typeof readFixtures>>["battles"], selection: VoteSelection) =>
  battles.filter((b) => selection.keep(b)).map((b) => `${b.modelA}>${b.modelB}:${b.winner}`);

describe("LMArena-style input", () => {
  test.each(["lmarena-input.jsonl", "clean-battle.json"])(
    "%s: blind votes only, each vote_id once, names trimmed and NFC-normalised",
    async (file) => {
      const { battles, problems } = await readFixtures(file);
      expect(problems).toEqual([]);
      const selection = new VoteSelection();
      expect(kept(battles, selection)).toEqual([
        "alpha>beta:model_a",
        "alpha>beta:model_b",
        "Modèle-Ä>alpha:model_a",
        "Modèle-Ä>alpha:model_a",
        "Beta>alpha:tie",
      ]);
      expect(selection.skipped).toEqual({ named: 2, flagged: 1, recognised: 0, duplicate: 1, category: 0 });
      const warnings = selection.warnings().join("\n");
      expect(warnings).toMatch(/1 rows repeat an earlier vote_id/);
      expect(warnings).toMatch(/2 votes were cast with the model names shown/);
      expect(warnings).toMatch(/look alike.*"Beta", "beta"/);
    },
  );

  test("--include-named counts the votes cast with names shown", async () => {
    const { battles } = await readFixtures("lmarena-input.jsonl");
    const selection = new VoteSelection({ includeNamed: true });
    expect(kept(battles, selection)).toHaveLength(7);
  });

  test("the fast line scanner and JSON.parse read the same votes", async () => {
    const lines = fs.readFileSync(fixturePath("lmarena-input.jsonl"), "utf8").trim().split("\n");
    // A backslash sends a line through JSON.parse and the schema.
    const escaped = lines.map((l) => l.replace('"winner"', '"\\u0077inner"'));
    fs.writeFileSync(path.join(tmp, "escaped.jsonl"), `${escaped.join("\n")}\n`);
    const problems: VoteFileProblem[] = [];
    const slow = [];
    for await (const b of readVoteFile(path.join(tmp, "escaped.jsonl"), problems)) slow.push(b);
    expect(problems).toEqual([]);
    expect(slow).toEqual((await readFixtures("lmarena-input.jsonl")).battles);
  });

  test("malformed lines are reported with their number, the rest still read", async () => {
    const file = path.join(tmp, "bad.jsonl");
    fs.writeFileSync(
      file,
      [
        '{"model_a":"a","model_b":"b","winner":"model_a"}',
        "{not json",
        '{"model_a":"a","model_b":"b","winner":"x"}',
        "",
      ].join("\n"),
    );
    const problems: VoteFileProblem[] = [];
    const battles = [];
    for await (const b of readVoteFile(file, problems)) battles.push(b);
    expect(battles).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe("Parquet, our own export", () => {
  test("reads the export's Parquet and CSV to the same votes as its JSONL, tags and clip columns included", async () => {
    const rows: ExportRow[] = Array.from({ length: 50 }, (_, i) => ({
      vote_id: `v${i % 45}`,
      tstamp: 1_700_000_000 + i,
      model_a: i % 3 === 0 ? "Kling 2" : "Veo 3",
      model_b: i % 3 === 0 ? "Veo 3" : "Sora",
      winner: (["model_a", "model_b", "tie", "tie (bothbad)"] as const)[i % 4] ?? "tie",
      category: "physics",
      categories: ["physics", "dance"],
      battle_kind: i % 10 === 0 ? "named" : "anonymous",
      prompt_id: "p",
      prompt_text_zh: "一只猫",
      prompt_text_en: "a cat",
      mode: "text_to_video",
      image_id: null,
      clip_a_id: "ca",
      clip_b_id: "cb",
      duration_a_ms: 8000,
      duration_b_ms: 6000,
      pixels_a: 1280 * 720,
      pixels_b: 1280 * 720,
      fps_a: 24,
      fps_b: i % 2 === 0 ? null : 29.97,
      audio_a: i % 5 === 0 ? 1 : 0,
      audio_b: i % 5 === 0 ? 1 : 0,
      first_take_a: true,
      first_take_b: i % 7 !== 0,
      tags_a: i % 4 === 0 ? ["physics_violation"] : [],
      tags_b: i % 6 === 0 ? ["blurry_low_detail", "identity_drift"] : [],
      tag_times_a_ms: i % 4 === 0 ? [i % 8 === 0 ? 100 * i : null] : [],
      tag_times_b_ms: i % 6 === 0 ? [null, 2500] : [],
      delivered_a_ms: 5000,
      delivered_b_ms: 5000,
      decision_ms: 9000,
      flagged: i % 7 === 0,
      flag_reason: null,
      judge: "j",
      recognition_answer: i % 3 === 0 ? "veo-3" : i % 3 === 1 ? "none" : null,
      recognition_candidates: i % 3 === 2 ? null : 5,
      recognised_correctly: i % 3 === 0,
      ...PAIR_ROW_QUAD_COLUMNS,
    }));
    const parquetFile = path.join(tmp, "votes.parquet");
    const chunks: Uint8Array[] = [];
    for await (const chunk of encodeParquet(
      // eslint-disable-next-line @typescript-eslint/require-await -- the encoder takes an async iterable
      (async function* () {
        yield rows.slice(0, 20);
        yield rows.slice(20);
      })(),
    ))
      chunks.push(chunk);
    fs.writeFileSync(parquetFile, Buffer.concat(chunks));
    const csvChunks: Uint8Array[] = [];
    for await (const chunk of encodeCsv(
      // eslint-disable-next-line @typescript-eslint/require-await -- the encoder takes an async iterable
      (async function* () {
        yield rows;
      })(),
    ))
      csvChunks.push(chunk);
    fs.writeFileSync(path.join(tmp, "votes.csv"), Buffer.concat(csvChunks));
    fs.writeFileSync(path.join(tmp, "votes.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n"));
    const read = async (file: string, clusterKeys = false) => {
      const problems: VoteFileProblem[] = [];
      const out = [];
      for await (const b of readVoteFile(file, problems, { clusterKeys })) out.push(b);
      expect(problems).toEqual([]);
      return out;
    };
    const [fromParquet, fromJsonl] = [await read(parquetFile), await read(path.join(tmp, "votes.jsonl"))];
    expect(fromParquet).toHaveLength(50);
    expect(fromParquet).toEqual(fromJsonl);
    // Marked times keep their order and their gaps (a tag without a time) in every format.
    expect(fromJsonl.slice(0, 9).map((b) => b.marks)).toEqual(
      rows.slice(0, 9).map((r) => ({
        timesA: r.tag_times_a_ms,
        timesB: r.tag_times_b_ms,
        deliveredA: 5000,
        deliveredB: 5000,
      })),
    );
    expect(await read(path.join(tmp, "votes.csv"))).toEqual(fromJsonl);
    // The same lines through JSON.parse and the schema (a backslash sends them there).
    const escaped = rows.map((r) => JSON.stringify(r).replace('"winner"', '"\\u0077inner"'));
    fs.writeFileSync(path.join(tmp, "escaped-export.jsonl"), escaped.join("\n"));
    expect(await read(path.join(tmp, "escaped-export.jsonl"))).toEqual(fromJsonl);
    expect(fromJsonl[6]).toMatchObject({
      tagsA: [],
      tagsB: ["blurry_low_detail", "identity_drift"],
      clipA: { durationMs: 8000, pixels: 1280 * 720, fps: 24, audio: false },
      clipB: { durationMs: 6000, pixels: 1280 * 720, fps: null, audio: false },
    });
    expect(fromJsonl[5]?.clipB).toEqual({ durationMs: 6000, pixels: 1280 * 720, fps: 29.97, audio: true });
    // Asked for, every reader gives each vote's judge and prompt (for a clustered bootstrap).
    const keyed = await read(path.join(tmp, "votes.jsonl"), true);
    expect(keyed.map(({ judge, promptId }) => [judge, promptId])).toEqual(rows.map(() => ["j", "p"]));
    for (const file of [parquetFile, path.join(tmp, "votes.csv"), path.join(tmp, "escaped-export.jsonl")])
      expect(await read(file, true)).toEqual(keyed);
    // The survey's recognised_correctly column reaches every reader alike.
    expect(fromJsonl.map((b) => b.recognised)).toEqual(rows.map((r) => r.recognised_correctly));
    // Without tags and clip columns, Parquet skips those columns.
    const bare = [];
    for await (const b of readVoteFile(parquetFile, [], { tagsAndClips: false })) bare.push(b);
    expect(bare.map(({ tagsA, clipA }) => ({ tagsA, clipA }))).toEqual(
      fromJsonl.map(() => ({ tagsA: [], clipA: NO_CLIP_COLUMNS })),
    );
    const selection = new VoteSelection();
    expect(fromParquet.filter((b) => selection.keep(b))).toHaveLength(50 - 5 - 5 - 6);
  });
});
