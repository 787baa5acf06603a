import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { computeBradleyTerry, PairCellAccumulator } from "@/lib/ratings";
import type { FailureProfileRow } from "@/lib/ratings/failure-profile";
import type { StyleControlResult } from "@/lib/ratings/style-control";
import { readVoteFile, type VoteFileProblem } from "@/lib/ratings/io/vote-file";
import { VoteSelection } from "@/lib/ratings/vote-selection";
import { wilsonInterval } from "@/lib/ratings/wilson-interval";
import { fixturePath } from "./fixture-votes";

const root = path.join(__dirname, "..", "..", "..");
// As `npm run ratings` runs it: from the cached bundle of scripts/bundled.mjs.
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["scripts/bundled.mjs", "scripts/ratings.ts", ...args], { cwd: root, encoding: "utf8" });

describe("scripts/bundled.mjs (how npm run ratings starts)", () => {
  test("prints what the source run through tsx prints", () => {
    const args = [fixturePath("single-pair.jsonl"), "--json", "--bootstrap", "50"];
    const bundled = cli(...args);
    const source = spawnSync(process.execPath, ["--import", "tsx", "scripts/ratings.ts", ...args], {
      cwd: root,
      encoding: "utf8",
    });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(bundled.stderr).toBe(source.stderr);
  });

  test("rebuilds when a file the bundle was built from changes, and passes the arguments on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundled-"));
    try {
      const helper = path.join(dir, "helper.ts");
      const script = path.join(dir, "script.ts");
      fs.writeFileSync(
        script,
        `import { word } from "./helper";\nconsole.log(word, process.argv.slice(2).join(" "));\n`,
      );
      const run = () =>
        spawnSync(process.execPath, ["scripts/bundled.mjs", script, "a", "b"], { cwd: root, encoding: "utf8" });
      fs.writeFileSync(helper, `export const word: string = "first";\n`);
      expect(run().stdout).toBe("first a b\n");
      expect(run().stdout).toBe("first a b\n");
      // A different size, so the change shows whatever the file system's time resolution.
      fs.writeFileSync(helper, `export const word: string = "second";\n`);
      expect(run().stdout).toBe("second a b\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

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
    [[fixturePath("single-pair.jsonl"), "--cluster", "judge"], /--cluster: Invalid option/],
    [
      [fixturePath("single-pair.jsonl"), "--cluster", "voter", "--method", "elo"],
      /--cluster resamples the Bradley-Terry/,
    ],
    [
      [fixturePath("single-pair.jsonl"), "--cluster", "prompt"],
      /--cluster prompt: \d+ of \d+ votes in .*single-pair.jsonl lack prompt_id \(or question_id\)/,
    ],
  ])("a usage error prints one line, the problem then the usage, no stack trace (%#)", (args, message) => {
    const run = cli(...args);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^error: usage: /);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/\(npm run ratings -- <votes file: .*\[--json\]\)$/);
    expect(lines).toHaveLength(1);
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
    expect(out.skipped).toEqual({ malformed: 0, named: 2, flagged: 1, recognised: 0, duplicate: 1, category: 0 });
    expect(out.rows.find((r) => r.model === "Modèle-Ä")?.ciHigh).toBeNull();
    expect(run.stderr).toMatch(/look alike/);
  });

  test("by default the intervals resample whole voters (judge); a file without judges resamples votes and says so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ratings-cli-judges-"));
    try {
      // 40 voters of three votes each over three models: enough voters (30) to resample them.
      const models = ["alpha", "beta", "gamma"];
      const winners = ["model_a", "model_b", "model_a", "tie"];
      const rows = Array.from({ length: 120 }, (_, n) => ({
        model_a: models[n % 3],
        model_b: models[(n + 1) % 3],
        winner: winners[(n * 7 + Math.floor(n / 3)) % 4],
        judge: `voter-${Math.floor(n / 3)}`,
      }));
      const write = (name: string, keep: (n: number) => boolean) => {
        const file = path.join(dir, name);
        const lines = rows.map(({ judge, ...row }, n) => JSON.stringify(keep(n) ? { ...row, judge } : row));
        fs.writeFileSync(file, `${lines.join("\n")}\n`);
        return file;
      };
      const judged = write("judged.jsonl", () => true);
      const run = (file: string, ...args: string[]) => cli(file, "--json", "--bootstrap", "60", ...args);
      const byDefault = run(judged);
      expect(byDefault.status).toBe(0);
      expect(byDefault.stderr).toBe("");
      expect((JSON.parse(byDefault.stdout) as { params: { cluster?: string } }).params.cluster).toBe("voter");
      expect(byDefault.stdout).toBe(run(judged, "--cluster", "voter").stdout);
      expect(byDefault.stdout).not.toBe(run(judged, "--cluster", "none").stdout);
      // Elo and sandwich intervals resample nothing: the default asks them for no judge.
      expect(run(judged, "--method", "elo").status).toBe(0);
      expect(run(judged, "--intervals", "sandwich").status).toBe(0);

      const unjudged = write("unjudged.jsonl", () => false);
      const fallback = run(unjudged);
      expect(fallback.status).toBe(0);
      expect(fallback.stdout).toBe(run(unjudged, "--cluster", "none").stdout);
      expect(fallback.stderr).toMatch(/^warning: .*unjudged\.jsonl has no judge column: .*resampled single votes\n$/);

      const someJudged = run(write("some.jsonl", (n) => n % 2 === 0));
      expect(someJudged.status).not.toBe(0);
      expect(someJudged.stderr).toMatch(/--cluster voter: 60 of 120 votes in .*some\.jsonl lack judge/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

// Each test spawns the CLI (about a second each; more on a busy machine).
describe("ratings CLI on an export's tags and clip columns", () => {
  const file = fixturePath("export-tags-and-clips.jsonl");

  test("--failures: each model's tagged share and both-bad share with 95% Wilson intervals, counted votes only", () => {
    const run = cli(file, "--failures", "--json");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      votes: number;
      failures: { tags: string[]; rows: FailureProfileRow[] };
    };
    // 6 counted votes: the named, the flagged and the repeated vote are left out.
    expect(out.votes).toBe(6);
    const alpha = out.failures.rows.find((r) => r.model === "alpha" && r.category === "overall");
    expect(alpha?.shown).toBe(6);
    expect(alpha?.tags.physics_violation).toEqual(wilsonInterval(3, 6));
    expect(alpha?.tags.blurry_low_detail).toEqual(wilsonInterval(0, 6));
    expect(alpha?.bothBad).toEqual(wilsonInterval(1, 6));
    const beta = out.failures.rows.find((r) => r.model === "beta" && r.category === "physics");
    expect(beta?.tags.blurry_low_detail).toEqual(wilsonInterval(1, 6));
    expect(out.failures.rows.map((r) => r.category)).toEqual(["overall", "overall", "physics", "physics"]);
  });

  test("--control: the requested features in their standard order, each with its effect and interval", () => {
    const run = cli(file, "--control", "resolution,duration", "--bootstrap", "50", "--json");
    expect(run.status).toBe(0);
    const { control } = JSON.parse(run.stdout) as { control: StyleControlResult };
    expect(control.features).toEqual(["duration", "resolution"]);
    expect(control.rows.map((r) => r.model).sort()).toEqual(["alpha", "beta"]);
    const [duration, resolution] = control.effects;
    // Clip lengths vary within alpha's clips: estimable, with an interval around its point.
    expect(duration?.estimable).toBe(true);
    expect(duration?.ciLow).toBeLessThanOrEqual(duration?.points as number);
    expect(duration?.ciHigh).toBeGreaterThanOrEqual(duration?.points as number);
    // Every alpha clip is 720p and every beta clip 240p: the model's own, so not estimable.
    expect(resolution).toMatchObject({ feature: "resolution", estimable: false, points: null });
    // Text output names each effect's unit.
    expect(cli(file, "--control", "duration", "--bootstrap", "20").stdout).toMatch(
      /duration \(per second; .*\): [+-]\d/,
    );
  });

  test("a vote without a feature's columns is a one-line usage error", () => {
    const run = cli(fixturePath("export-missing-duration.jsonl"), "--control", "duration");
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")[0]).toMatch(
      /--control duration: 1 of 6 votes in .* lack duration_a_ms, duration_b_ms/,
    );
  });
});
