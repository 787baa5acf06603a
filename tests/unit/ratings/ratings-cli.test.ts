import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/vote-file";
import { VoteSelection } from "@/lib/ratings/vote-selection";
import { fixturePath } from "./fixture-votes";

const root = path.join(__dirname, "..", "..", "..");
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/ratings.ts", ...args], { cwd: root, encoding: "utf8" });

describe("ratings CLI", () => {
  test.each([
    [["--anchor", "nobody=1000", fixturePath("single-pair.jsonl")], /--anchor: model "nobody" has no rated votes/],
    [["--method", "glicko", fixturePath("single-pair.jsonl")], /--method: Invalid option/],
    [[path.join(root, "no-such-file.jsonl")], /no such file/],
    [[fixturePath("single-pair.jsonl"), "--bogus"], /Unknown option '--bogus'/],
    [[fixturePath("single-pair.jsonl"), "--control", "duration,length"], /--control: unknown feature "length"/],
    [
      [fixturePath("single-pair.jsonl"), "--control", "fps"],
      /--control fps: .*single-pair.jsonl lacks the columns fps_a, fps_b/,
    ],
    [[fixturePath("single-pair.jsonl"), "--control", "audio", "--method", "elo"], /--control fits Bradley-Terry/],
  ])("a usage error prints one clear line and the usage, no stack trace (%#)", (args, message) => {
    const run = cli(...args);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^error: usage: /);
    expect(lines[0]).toMatch(message);
    expect(lines).toHaveLength(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test("--json: open bounds are null, groups and what was skipped are listed", () => {
    const run = cli(fixturePath("lmarena-input.jsonl"), "--json", "--bootstrap", "50");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      votes: number;
      skipped: Record<string, number>;
      groups: string[][];
      rows: { model: string; ciLow: number | null; ciHigh: number | null }[];
    };
    expect(out.votes).toBe(5);
    expect(out.skipped).toEqual({ malformed: 0, named: 2, flagged: 1, duplicate: 1, category: 0 });
    expect(out.rows.find((r) => r.model === "Modèle-Ä")?.ciHigh).toBeNull();
    expect(run.stderr).toMatch(/look alike/);
  });
});

// Real LMArena-format files: SHARED_DIR (default <repo>/../shared) holds them; CI must have them.
const realVotes = path.join(process.env.SHARED_DIR ?? path.join(root, "..", "shared"), "real-votes");
const haveReal = fs.existsSync(realVotes);
if (!haveReal && process.env.CI !== "true")
  console.warn(`skipping the real-file ratings tests: ${realVotes} is absent (set SHARED_DIR)`);

describe.skipIf(!haveReal && process.env.CI !== "true")("real GenAI-Arena votes", () => {
  test("anony: false votes are left out by default, as FastChat does, and counted with --include-named", async () => {
    const rate = async (includeNamed: boolean) => {
      const problems: VoteFileProblem[] = [];
      const selection = new VoteSelection({ includeNamed });
      const cells = new PairCellAccumulator();
      for await (const b of readVoteFile(path.join(realVotes, "genai-arena-edit-20240220.jsonl"), problems))
        if (selection.keep(b)) cells.add(b);
      expect(problems).toEqual([]);
      return computeBradleyTerry(cells.toCells(), { bootstrap: 0 });
    };
    const [blind, all] = [await rate(false), await rate(true)];
    expect([blind.votes, all.votes]).toEqual([64, 83]);
    const moved = Math.max(
      ...blind.rows.map((r) => Math.abs(r.rating - (all.rows.find((a) => a.model === r.model)?.rating ?? NaN))),
    );
    expect(moved).toBeGreaterThan(5);
  });
});
