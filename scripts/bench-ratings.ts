// npm run bench:ratings: the ratings CLI end to end on 1M simulated votes (30 models, 1,000
// bootstrap rounds), read from JSONL and from Parquet written into a temporary folder, with wall
// time, CPU time and peak RSS (medians of BENCH_RUNS runs, default 3). Where /usr/bin/python3
// has numpy, scipy and sklearn, the same JSONL in the same run through FastChat's compute_mle_elo
// (scripts/fastchat-mle-elo.py: reading, the fit, and BENCH_FASTCHAT_ROUNDS bootstrap rounds timed
// and scaled to 1,000) as a time ratio, with the largest rating difference; otherwise it says it
// was skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encodeParquet } from "../lib/export/encoders";
import { type ExportRow, PAIR_ROW_QUAD_COLUMNS } from "../lib/export/columns";
import { seededRandom } from "../lib/random";
import { simulateBattles } from "../lib/ratings/simulate";

const VOTES = Number(process.env.BENCH_VOTES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE = 50_000;
const strengths = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`model-${i}`, 850 + i * 10]));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function* exportRows(): Generator<ExportRow> {
  let n = 0;
  for (const b of simulateBattles(
    { strengths, votes: VOTES, categories: ["physics", "dance", "action"] },
    seededRandom(1),
  )) {
    n += 1;
    yield {
      vote_id: `vote-${n.toString(36).padStart(8, "0")}`,
      tstamp: 1_760_000_000 + n,
      model_a: b.modelA,
      model_b: b.modelB,
      winner: b.winner,
      category: b.category ?? "",
      categories: b.category ? [b.category] : [],
      battle_kind: "anonymous",
      prompt_id: `prompt-${n % 500}`,
      prompt_text_zh: null,
      prompt_text_en: null,
      mode: "text_to_video",
      image_id: null,
      clip_a_id: "clip-a",
      clip_b_id: "clip-b",
      duration_a_ms: 8000,
      duration_b_ms: 6000,
      pixels_a: 1280 * 720,
      pixels_b: 1280 * 720,
      fps_a: 24,
      fps_b: null,
      audio_a: 0,
      audio_b: 0,
      first_take_a: true,
      first_take_b: true,
      tags_a: [],
      tags_b: [],
      tag_times_a_ms: [],
      tag_times_b_ms: [],
      delivered_a_ms: 6000,
      delivered_b_ms: 6000,
      decision_ms: 9000,
      flagged: false,
      flag_reason: null,
      judge: `judge-${n % 2000}`,
      recognition_answer: null,
      recognition_candidates: null,
      recognised_correctly: false,
      ...PAIR_ROW_QUAD_COLUMNS,
    };
  }
}

async function writeFiles(dir: string): Promise<{ jsonl: string; parquet: string }> {
  const jsonl = path.join(dir, "votes.jsonl");
  const parquet = path.join(dir, "votes.parquet");
  const out = fs.openSync(jsonl, "w");
  let lines: string[] = [];
  // JSONL as LMArena's battle files carry it (about 150 bytes a vote); Parquet as our export.
  for (const row of exportRows()) {
    const { vote_id, tstamp, model_a, model_b, winner, category } = row;
    lines.push(JSON.stringify({ vote_id, tstamp, model_a, model_b, winner, category, anony: true }));
    if (lines.length === PAGE) {
      fs.writeSync(out, `${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) fs.writeSync(out, `${lines.join("\n")}\n`);
  fs.closeSync(out);
  // eslint-disable-next-line @typescript-eslint/require-await -- the encoders take an async iterable
  async function* pages() {
    let page: ExportRow[] = [];
    for (const row of exportRows()) {
      page.push(row);
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
  const pq = fs.openSync(parquet, "w");
  for await (const chunk of encodeParquet(pages())) fs.writeSync(pq, chunk);
  fs.closeSync(pq);
  return { jsonl, parquet };
}

/** One CLI run: wall seconds, CPU seconds and peak RSS in MB from /usr/bin/time, and its output. */
function runCli(file: string): { seconds: number; cpu: number | null; rssMb: number | null; stdout: string } {
  // As `npm run ratings` runs it (scripts/bundled.mjs), without npm's own start-up.
  const args = ["scripts/bundled.mjs", "scripts/ratings.ts", file, "--json", "--bootstrap", "1000"];
  const timed = fs.existsSync("/usr/bin/time");
  const started = performance.now();
  const result = timed
    ? spawnSync("/usr/bin/time", ["-f", "peak-rss-kb %M cpu %U %S", process.execPath, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      })
    : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`ratings CLI failed: ${result.stderr}`);
  const measured = /peak-rss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return measured
    ? {
        seconds,
        rssMb: Number(measured[1]) / 1024,
        cpu: Number(measured[2]) + Number(measured[3]),
        stdout: result.stdout,
      }
    : { seconds, rssMb: null, cpu: null, stdout: result.stdout };
}

function report(label: string, file: string): { seconds: number; ratings: Map<string, number> } {
  const runs = Array.from({ length: RUNS }, () => runCli(file));
  const seconds = median(runs.map((r) => r.seconds));
  const timed = runs.every((r) => r.rssMb !== null);
  const rss = timed ? `${median(runs.map((r) => r.rssMb as number)).toFixed(0)} MB` : "n/a";
  const cpu = timed ? `${median(runs.map((r) => r.cpu as number)).toFixed(2)} s` : "n/a";
  console.log(
    `${label.padEnd(8)} ${(fs.statSync(file).size / 1e6).toFixed(0).padStart(4)} MB file  median ${seconds.toFixed(2)} s end to end (CPU ${cpu})  peak RSS ${rss}  (runs: ${runs.map((r) => r.seconds.toFixed(2)).join(", ")} s)`,
  );
  const { rows } = JSON.parse(runs[0]?.stdout ?? "{}") as { rows: { model: string; rating: number }[] };
  return { seconds, ratings: new Map(rows.map((r) => [r.model, r.rating])) };
}

/** Largest difference between two sets of ratings of the same models, each centred on its mean. */
function largestDifference(ours: Map<string, number>, theirs: Map<string, number>): number {
  const models = [...ours.keys()];
  const mean = (of: Map<string, number>) => models.reduce((sum, m) => sum + (of.get(m) ?? NaN), 0) / models.length;
  const [ourMean, theirMean] = [mean(ours), mean(theirs)];
  return Math.max(
    ...models.map((m) => Math.abs((ours.get(m) as number) - ourMean - ((theirs.get(m) ?? NaN) - theirMean))),
  );
}

/** FastChat's method on the same file, or why it was skipped. */
function compareWithFastChat(jsonl: string, ours: { seconds: number; ratings: Map<string, number> }): void {
  const python = "/usr/bin/python3";
  const check = spawnSync(python, ["-c", "import numpy, scipy, sklearn"], { encoding: "utf8" });
  if (check.error || check.status !== 0) {
    console.log(`FastChat's method: skipped (${python} with numpy, scipy and sklearn is not installed here)`);
    return;
  }
  const rounds = Math.max(1, Number(process.env.BENCH_FASTCHAT_ROUNDS ?? 3));
  const run = spawnSync(python, [path.join(import.meta.dirname, "fastchat-mle-elo.py"), jsonl, String(rounds)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`FastChat's method failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as {
    read_s: number;
    fit_s: number;
    round_s: number;
    models: string[];
    ratings: number[];
  };
  const perThousand = out.read_s + out.fit_s + 1000 * out.round_s;
  const theirs = new Map(out.models.map((m, i) => [m, out.ratings[i] as number]));
  console.log(
    `FastChat's compute_mle_elo (sklearn): read ${out.read_s.toFixed(1)} s, fit ${out.fit_s.toFixed(2)} s, ${out.round_s.toFixed(2)} s a bootstrap round (${rounds} timed) → ${perThousand.toFixed(0)} s for 1,000 rounds, ${(perThousand / ours.seconds).toFixed(0)}× ours`,
  );
  console.log(
    `largest rating difference from ours (both centred on their mean): ${largestDifference(ours.ratings, theirs).toFixed(2)} points`,
  );
}

// BENCH_DIR keeps the files in a folder and reuses them when present (for profiling the CLI on them).
const kept = process.env.BENCH_DIR;
const dir = kept
  ? (fs.mkdirSync(kept, { recursive: true }), kept)
  : fs.mkdtempSync(path.join(os.tmpdir(), "bench-ratings-"));
try {
  const ready = kept && ["votes.jsonl", "votes.parquet"].every((f) => fs.existsSync(path.join(dir, f)));
  if (!ready) console.log(`writing ${VOTES.toLocaleString("en")} simulated votes (30 models) to ${dir} …`);
  const { jsonl, parquet } = ready
    ? { jsonl: path.join(dir, "votes.jsonl"), parquet: path.join(dir, "votes.parquet") }
    : await writeFiles(dir);
  // Builds (or checks) the CLI's cached bundle first, so no timed run includes building it.
  spawnSync(process.execPath, ["scripts/bundled.mjs", "scripts/ratings.ts"], { encoding: "utf8" });
  console.log(`ratings CLI, Bradley-Terry with 1,000 bootstrap rounds, median of ${RUNS} runs:`);
  const ours = report("JSONL", jsonl);
  report("Parquet", parquet);
  compareWithFastChat(jsonl, ours);
} finally {
  if (!kept) fs.rmSync(dir, { recursive: true, force: true });
}
