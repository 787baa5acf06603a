import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readJsonLinesInHalves, splitPoint } from "@/lib/ratings/io/jsonl-halves";
import { readJsonLines } from "@/lib/ratings/io/jsonl-votes";
import type { FileQuadRow } from "@/lib/ratings/quad-row";
import type { FileBattle, VoteFileProblem } from "@/lib/ratings/vote-row";
import { VoteSelection } from "@/lib/ratings/vote-selection";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jsonl-halves-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Read {
  battles: FileBattle[];
  problems: VoteFileProblem[];
  quads: FileQuadRow[];
}

/** The file through the single-thread reader. */
function readSerially(file: string, clusterKeys: boolean): Read {
  const out: Read = { battles: [], problems: [], quads: [] };
  for (const batch of readJsonLines(file, out.problems, clusterKeys, (row) => out.quads.push(row)))
    out.battles.push(...batch);
  return out;
}

/** The file through the two-thread reader, split at its middle whatever its size. */
async function readInHalves(file: string, clusterKeys: boolean): Promise<Read> {
  const out: Read = { battles: [], problems: [], quads: [] };
  for await (const batch of readJsonLinesInHalves(file, out.problems, clusterKeys, (row) => out.quads.push(row), 0))
    out.battles.push(...batch);
  return out;
}

const models = ["alpha", "beta", "Modèle-Ä", "gamma", "δέλτα"];
const winners = ["model_a", "model_b", "tie", "tie (bothbad)"];

/** Line i of a varied file: LMArena rows, export rows with tags and clips, escapes, duplicates. */
function line(i: number): string {
  const [a, b] = [models[i % 5] as string, models[(i + 1 + (i % 3)) % 5] as string];
  const row: Record<string, unknown> = {
    vote_id: i % 97 === 5 ? `v${i - 1500}` : `v${i}${i % 11 === 0 ? "-é" : ""}`,
    tstamp: i % 13 === 0 ? null : 1_700_000_000 + i,
    model_a: a,
    model_b: b,
    winner: winners[i % 4],
    anony: i % 17 !== 0,
    judge: i % 7 === 0 ? null : `judge-${i % 40}`,
    prompt_id: `p${i % 9}`,
  };
  if (i % 3 === 0) row.categories = ["physics", ...(i % 2 ? ["dance"] : [])];
  else row.category = i % 2 ? "action" : "";
  if (i % 19 === 0) Object.assign(row, { tags_a: ["morphing"], tags_b: [], duration_a_ms: 8000, audio_a: 1 });
  if (i % 23 === 0) row.flagged = true;
  if (i % 29 === 0) row.recognised_correctly = true;
  const text = JSON.stringify(row);
  // A backslash sends the line through JSON.parse and the schema.
  return i % 31 === 0 ? text.replace('"winner"', '"\\u0077inner"') : text;
}

function quadLine(i: number): string {
  return JSON.stringify({
    vote_id: `q${i}`,
    battle_kind: "quad",
    model_a: "alpha",
    model_b: "beta",
    model_c: "gamma",
    model_d: "δέλτα",
    winner: "",
    best: "model_c",
    worst: "model_a",
    judge: "judge-1",
  });
}

function writeLines(name: string, count: number, special: Record<number, string>, eol = "\n"): string {
  const file = path.join(tmp, name);
  const lines = Array.from({ length: count }, (_, i) => special[i + 1] ?? line(i));
  fs.writeFileSync(file, lines.join(eol) + eol);
  return file;
}

describe("reading a JSONL file on two threads", () => {
  // Lines 2,400–2,600 lie in the second half; line numbers are 1-based.
  const bad = { 2500: "{not json", 2550: '{"model_a":"a","model_b":"a","winner":"model_a"}', 2600: quadLine(2600) };

  test.each([false, true])(
    "gives the single-thread reader's votes, problems and quad rows (cluster keys: %s)",
    async (clusterKeys) => {
      const file = writeLines(`varied-${clusterKeys}.jsonl`, 3000, bad);
      const size = fs.statSync(file).size;
      expect(splitPoint(file, size)).toBeLessThan(size);
      const serial = readSerially(file, clusterKeys);
      const halves = await readInHalves(file, clusterKeys);
      expect(halves.battles).toEqual(serial.battles);
      expect(halves.problems).toEqual(serial.problems);
      expect(halves.quads).toEqual(serial.quads);
      // The bad lines of the second half keep their own numbers.
      expect(halves.problems.map((p) => p.line)).toEqual([2500, 2550]);
      expect(halves.quads).toHaveLength(1);
    },
  );

  test("a vote_id of the first half repeated in the second is counted once, as on one thread", async () => {
    const file = writeLines("duplicates.jsonl", 3000, bad);
    const size = fs.statSync(file).size;
    const split = splitPoint(file, size);
    const firstHalfLines = fs.readFileSync(file, "latin1").slice(0, split).split("\n").length - 1;
    // Line i + 1 repeats vote_id v(i − 1500) (line(): every 97th), across the halves when i − 1500 < firstHalfLines.
    expect(firstHalfLines).toBeGreaterThan(1000);
    const skipped = (read: Read) => {
      const selection = new VoteSelection();
      for (const battle of read.battles) selection.keep(battle);
      return selection.skipped;
    };
    const serial = skipped(readSerially(file, false));
    expect(serial.duplicate).toBeGreaterThan(10);
    expect(skipped(await readInHalves(file, false))).toEqual(serial);
  });

  test("CRLF line ends, and a last line without one", async () => {
    const file = writeLines("crlf.jsonl", 2000, { 1500: "{not json" }, "\r\n");
    fs.truncateSync(file, fs.statSync(file).size - 2);
    const serial = readSerially(file, true);
    expect(serial.problems.map((p) => p.line)).toEqual([1500]);
    expect(serial.battles.length).toBeGreaterThan(1900);
    const halves = await readInHalves(file, true);
    expect(halves).toEqual(serial);
  });

  test("a file with no line starting after its middle, or under the size to split, is read on one thread", async () => {
    const one = path.join(tmp, "one-line.jsonl");
    fs.writeFileSync(one, `${line(1)}\n`);
    expect(splitPoint(one, fs.statSync(one).size)).toBe(fs.statSync(one).size);
    expect(await readInHalves(one, false)).toEqual(readSerially(one, false));
    const small = writeLines("small.jsonl", 40, { 30: "{not json" });
    const problems: VoteFileProblem[] = [];
    const battles: FileBattle[] = [];
    for await (const batch of readJsonLinesInHalves(small, problems)) battles.push(...batch);
    const serial = readSerially(small, false);
    expect({ battles, problems }).toEqual({ battles: serial.battles, problems: serial.problems });
  });
});
